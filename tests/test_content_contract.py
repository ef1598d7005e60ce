"""The content contract (wizard/content/schema.py): a playbook file with a misspelt key, a wrong
type or an unknown id is refused, naming the file, the step or field, the key path and the line,
with a suggestion for a near miss; `lync-skype-wizard lint-content` reports the same and exits
0 / 1 / 2."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wizard import cli
from wizard.content.playbook import PlaybookError, parse, read_files

FILES = read_files()
N_ONPREM = FILES["onprem"].count("[[steps]]")  # the index the appended step gets

EXTRA = """
[[steps]]
id = "onprem-extra"
title = "Extra"
summary = "An extra step"
body = "Text."
optional = true
when = { field = "hybrid", is_true = true }
fields = ["sip_domains"]
[[steps.notes]]
kind = "info"
text = "A note."
"""


def refused(files: dict[str, str]) -> list[str]:
    with pytest.raises(PlaybookError) as info:
        parse(files)
    return info.value.problems


def with_onprem(step: str) -> dict[str, str]:
    return dict(FILES, onprem=FILES["onprem"] + "\n" + step)


def line_of(text: str, needle: str) -> int:
    return text.splitlines().index(needle) + 1


def test_control_the_extra_step_loads() -> None:
    assert parse(with_onprem(EXTRA)).step("onprem-extra").optional


def test_a_misspelt_key_is_refused_with_file_path_line_and_suggestion() -> None:
    files = with_onprem(EXTRA.replace("when = {", "whenn = {"))
    line = line_of(files["onprem"], 'whenn = { field = "hybrid", is_true = true }')
    assert refused(files) == [
        f"onprem.toml step 'onprem-extra', steps[{N_ONPREM}].whenn (line {line}): "
        'unknown key in a step; did you mean "when"?'
    ]


def test_a_wrong_type_is_refused_with_file_and_key_path() -> None:
    files = with_onprem(EXTRA.replace("optional = true", 'optional = "yes"'))
    line = line_of(files["onprem"], 'optional = "yes"')
    assert refused(files) == [
        f"onprem.toml step 'onprem-extra', steps[{N_ONPREM}].optional (line {line}): "
        'must be true or false, not text "yes"'
    ]


def test_an_unknown_field_id_is_refused_with_a_suggestion() -> None:
    problems = refused(with_onprem(EXTRA.replace('["sip_domains"]', '["sip_domian"]')))
    assert problems == [
        "onprem.toml step 'onprem-extra', fields[0]: unknown field 'sip_domian' "
        "(did you mean 'sip_domains'?)"
    ]


def test_misspelt_keys_deep_inside_are_found_in_fields_and_notes_and_conditions() -> None:
    files = with_onprem(
        EXTRA.replace('kind = "info"', 'knid = "info"').replace("field = ", "feild = ")
    )
    files["fields"] = files["fields"].replace(
        "[fields.client_name]", "[fields.client_name]\nrequird = true", 1
    )
    problems = refused(files)
    assert len(problems) == 4, problems
    assert any(
        p.startswith("fields.toml [client_name], fields.client_name.requird (line ")
        and p.endswith('did you mean "required"?')
        for p in problems
    ), problems
    note = [p for p in problems if ".notes[0].knid" in p]
    assert note and note[0].endswith('did you mean "kind"?')
    cond = [p for p in problems if ".when" in p]
    assert any(".when.feild" in p and 'did you mean "field"?' in p for p in cond), cond
    assert any('needs "field"' in p for p in cond), cond


def test_an_unknown_kind_is_refused_with_the_nearest_kind() -> None:
    problems = refused(
        with_onprem(EXTRA.replace('title = "Extra"', 'title = "Extra"\nkind = "verfy"'))
    )
    assert len(problems) == 1
    assert re.search(
        r'steps\[\d+\]\.kind \(line \d+\): unknown step kind "verfy" .*did you mean "verify"\?',
        problems[0],
    )


def test_every_problem_is_reported_at_once_across_files() -> None:
    files = with_onprem(EXTRA.replace("optional = true", "optional = 1"))
    files["client"] = files["client"].replace("[[steps]]", "[[steps]]\ncaptoin = 'x'", 1)
    problems = refused(files)
    assert [p.split(" ", 1)[0] for p in problems] == ["client.toml", "onprem.toml"]


def test_a_toml_syntax_error_names_the_file_and_line() -> None:
    problems = refused(dict(FILES, client=FILES["client"] + "\n[[steps]\n"))
    assert len(problems) == 1
    assert problems[0].startswith("client.toml: not valid TOML:") and "line" in problems[0]


def test_a_file_left_out_of_the_sequence_is_reported() -> None:
    problems = refused(dict(FILES, extra="steps = []\n"))
    assert problems == ["extra.toml is not read: add 'extra' to playbook.toml's sequence"]


def test_wait_and_checks_rules_come_from_the_content() -> None:
    book = parse(FILES)
    assert [s.id for s in book.steps if s.wait_from] == ["onprem-wait"]
    assert book.step("onprem-wait").wait_from == "pic_submitted_on"
    checks = {s.id for s in book.steps if s.checks == "dns"}
    assert {"onprem-dns", "onprem-certificate", "ent-dns", "sbp-dns", "onprem-verify"} <= checks
    problems = refused(with_onprem(EXTRA.replace("optional = true", 'checks = "dsn"')))
    assert problems[0].endswith('unknown checks panel "dsn" (one of: dns); did you mean "dns"?')


# -- lync-skype-wizard lint-content ---------------------------------------------------------------


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir()
    for name, text in files.items():
        (folder / f"{name}.toml").write_text(text, encoding="utf-8")
    return folder


def test_lint_content_exits_0_on_the_shipped_playbook(capsys, tmp_path) -> None:
    assert cli.main(["lint-content", str(write(tmp_path / "pb", FILES))]) == 0
    assert "no problems" in capsys.readouterr().out
    assert cli.main(["lint-content"]) == 0


def test_lint_content_exits_1_with_one_problem_a_line(capsys, tmp_path) -> None:
    files = with_onprem(EXTRA.replace("when = {", "whenn = {"))
    files["fields"] = files["fields"].replace(
        "[fields.client_name]", "[fields.client_name]\nsecret = 'no'", 1
    )
    assert cli.main(["lint-content", str(write(tmp_path / "pb", files))]) == 1
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert len(lines) == 2 and lines[0].startswith("fields.toml [client_name]")
    assert lines[1].startswith("onprem.toml step 'onprem-extra'")
    assert "2 problem(s)" in err


def test_lint_content_exits_2_on_a_folder_it_cannot_read(capsys, tmp_path) -> None:
    assert cli.main(["lint-content", str(tmp_path / "missing")]) == 2
    assert "is not a folder" in capsys.readouterr().err
    (tmp_path / "empty").mkdir()
    assert cli.main(["lint-content", str(tmp_path / "empty")]) == 2
    assert "no .toml files" in capsys.readouterr().err


def test_the_example_in_docs_content_md_loads() -> None:
    """docs/content.md's example of a field and a step is valid content (the docs match the code)."""
    doc = (Path(__file__).resolve().parent.parent / "docs" / "content.md").read_text("utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", doc, re.S)
    field = next(b for b in blocks if b.startswith("# fields.toml"))
    step = next(b for b in blocks if b.startswith("# onprem.toml"))
    files = dict(FILES, fields=FILES["fields"] + "\n" + field, onprem=FILES["onprem"] + "\n" + step)
    book = parse(files)
    assert book.step("onprem-pool").fields == ("pool_fqdn",)
    # and every step key the docs' table lists is one the contract knows
    from wizard.content import schema

    documented = set(
        re.findall(r"^\| `(\w+)` \|", doc.split("## A step")[1].split("## A field")[0], re.M)
    )
    assert documented == set(schema.STEP.keys)
    section = doc.split("## A field")[1].split("## Conditions")[0]
    documented = set(re.findall(r"`(\w+)`", " ".join(re.findall(r"^\| ([^|]+) \|", section, re.M))))
    assert documented == set(schema.FIELD.keys)
