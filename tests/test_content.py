"""The shipped playbook: structure, references, reachability and wording rules.

Every check here reads the real TOML files through the same loader the app uses. The second half
feeds deliberately broken copies to the loader and expects a PlaybookError that names the file and
the step, so a content mistake is reported where it is, not as a crash on some page later.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

import pytest

from wizard.content import flow
from wizard.content.playbook import (
    ALWAYS,
    Condition,
    Playbook,
    PlaybookError,
    Step,
    lint,
    parse,
    read_files,
)

FILES = read_files()
BOOK = parse(FILES)

BRANCH_PREFIX = {
    "onprem": "onprem-",
    "o365-enterprise": "ent-",
    "o365-sbp": "sbp-",
    "teams-free": "teams-",
    "client": "client-",
}


# -- helpers --------------------------------------------------------------------------------------


def step_conditions(step: Step) -> Iterator[Condition]:
    yield step.when
    yield from (n.when for n in step.notes)
    yield from (n.when for n in step.nav)
    yield from (lk.when for lk in step.links)
    yield from step.field_when.values()
    for art in step.artefacts:
        yield art.when
        yield from (line.when for line in art.lines)


def leaves(cond: Condition) -> Iterator[Condition]:
    if cond.all or cond.any:
        for c in (*cond.all, *cond.any):
            yield from leaves(c)
    elif cond.field is not None:
        yield cond


def step_texts(step: Step) -> Iterator[str]:
    yield step.title
    yield step.summary
    yield step.body
    yield from step.checklist
    yield from (n.text for n in step.notes)
    yield from (n.path for n in step.nav)
    yield from (n.label for n in step.nav)
    yield from (lk.label for lk in step.links)
    for art in step.artefacts:
        yield art.title
        yield art.caption
        yield from (line.text for line in art.lines)


def sample_values(book: Playbook, fid: str) -> list[object]:
    """The values worth trying for a field that a condition tests."""
    fld = book.fields[fid]
    if fld.kind == "choice":
        return [None, *(c.value for c in fld.choices)]
    if fld.kind == "bool":
        return [False, True]
    samples = {
        "date": "2014-03-03",
        "email": "tester@outlook.com",
        "domain-list": ["contoso.com"],
        "domain": "fabrikam.com",
        "fqdn": "sip.contoso.com",
        "text": "Contoso",
    }
    assert fld.kind in samples, f"add a sample value for kind {fld.kind!r} ({fid})"
    return [None, samples[fld.kind]]


def combinations(book: Playbook, fids: set[str]) -> Iterator[dict[str, object]]:
    names = sorted(fids)
    for combo in itertools.product(*(sample_values(book, f) for f in names)):
        yield {k: v for k, v in zip(names, combo, strict=True) if v is not None}


def with_step(text: str, step: str) -> dict[str, str]:
    """The shipped files with one extra step appended to onprem.toml."""
    files = dict(FILES)
    files["onprem"] = files["onprem"] + "\n" + step
    return files


GOOD_STEP = """
[[steps]]
id = "onprem-extra"
title = "Extra"
summary = "An extra step"
body = "Text."
when = { field = "hybrid", is_true = true }
[[steps.artefacts]]
id = "extra"
title = "Extra"
kind = "dns"
[[steps.artefacts.lines]]
text = "_sipfederationtls._tcp.{{item|dot}} {{dns_ttl}} IN SRV 0 0 5061 {{access_edge_fqdn|dot}}"
each = "sip_domains"
"""


# -- the shipped files ----------------------------------------------------------------------------


def test_shipped_playbook_parses_without_lint_problems():
    assert BOOK.steps
    assert lint(BOOK) == []


def test_every_branch_file_has_steps():
    for source in ("onprem", "o365-enterprise", "o365-sbp", "teams-free", "client"):
        assert any(s.source == source for s in BOOK.steps), f"{source}.toml has no steps"


def test_step_ids_are_prefixed_by_branch():
    for step in BOOK.steps:
        prefix = BRANCH_PREFIX.get(step.source)
        if prefix:
            assert step.id.startswith(prefix), f"{step.source}.toml step {step.id}"


def test_branch_files_apply_only_to_their_deployment():
    for step in BOOK.steps:
        if step.source in ("onprem", "o365-enterprise", "o365-sbp"):
            others = {"onprem", "o365-enterprise", "o365-sbp"} - {step.source}
            for dep in others:
                assert not step.when.holds({"deployment": dep, "hybrid": True}), step.id
        if step.source == "client":
            assert not step.when.holds({}), f"{step.id} shows before a deployment is chosen"


def test_every_step_artefact_line_and_note_is_reachable():
    # Per step, every combination of the values its own conditions test (a product over all
    # fields of all branches grows with every branch; a step's parts depend only on these).
    reached_steps: set[str] = set()
    reached_parts: set[tuple[str, str, int]] = set()
    for step in BOOK.steps:
        cond_fields: set[str] = set()
        for cond in step_conditions(step):
            cond_fields |= cond.fields()
        for values in combinations(BOOK, cond_fields):
            vals = flow.values_with_defaults(BOOK, values)
            if not step.when.holds(vals):
                continue
            reached_steps.add(step.id)
            for i, note in enumerate(step.notes):
                if note.when.holds(vals):
                    reached_parts.add((step.id, "note", i))
            for art in step.artefacts:
                if art.when.holds(vals):
                    for i, line in enumerate(art.lines):
                        if line.when.holds(vals):
                            reached_parts.add((step.id, art.id, i))
    assert reached_steps == {s.id for s in BOOK.steps}
    for step in BOOK.steps:
        for i, _ in enumerate(step.notes):
            assert (step.id, "note", i) in reached_parts, f"{step.id} note {i} never shows"
        for art in step.artefacts:
            for i, _ in enumerate(art.lines):
                assert (step.id, art.id, i) in reached_parts, f"{step.id} {art.id} line {i}"


def test_choice_fields_have_distinct_values_and_labels():
    for fld in BOOK.fields.values():
        if fld.kind == "choice":
            values = [c.value for c in fld.choices]
            labels = [c.label for c in fld.choices]
            assert len(values) == len(set(values)), fld.id
            assert len(labels) == len(set(labels)), fld.id
            if fld.default is not None:
                assert fld.default in values


def test_every_step_has_a_one_line_summary_and_a_body():
    # (an empty title or summary is refused by the loader: test_content_contract.py)
    for step in BOOK.steps:
        assert "\n" not in step.summary, step.id
        assert step.body.strip(), step.id


def test_no_step_text_shows_research_markers():
    marker = re.compile(
        r"UNCONFIRMED|\bconflict\b|TODO|FIXME|XXX|\*\*|DOMAIN\.md|\[wizard template\]"
        r"|\bconf\.|\[[A-Z0-9-]+, [HML]\]",
    )
    for step in BOOK.steps:
        for text in step_texts(step):
            assert not marker.search(text), f"{step.id}: {text[:80]!r}"


def test_prose_has_no_angle_bracket_placeholders():
    """<...> in prose looks like a missing-value marker (and is swallowed by rich text)."""
    for step in BOOK.steps:
        for text in (
            step.body,
            step.summary,
            *step.checklist,
            *(n.text for n in step.notes),
        ):
            assert not re.search(r"<[^>]+>", text), f"{step.id}: {text[:80]!r}"


def test_msn_probe_is_not_presented_as_documented():
    """Test-CsFederatedPartner against msn.com is an unconfirmed idea; only the own domain."""
    for step in BOOK.steps:
        for text in step_texts(step):
            if "Test-CsFederatedPartner" in text:
                assert "msn.com" not in text, step.id
                assert "-ProxyFqdn" not in text, step.id


def test_pic_site_steps_carry_the_era_note():
    request = BOOK.step("onprem-request")
    assert any(n.kind == "era" and "2019" in n.text for n in request.notes)
    version = BOOK.step("onprem-version")
    assert any(n.kind == "era" for n in version.notes)


def test_pure_input_steps_are_auto_done_and_checklists_are_not_empty():
    for step in BOOK.steps:
        for item in step.checklist:
            assert item.strip(), step.id
        if step.kind == "wait" or step.kind == "verify":
            assert not step.auto_done, step.id


# -- broken playbooks are reported with file and step --------------------------------------------


def test_control_a_valid_extra_step_parses():
    book = parse(with_step(FILES["onprem"], GOOD_STEP))
    assert book.has_step("onprem-extra")


def test_unknown_field_in_a_condition_is_reported():
    broken = GOOD_STEP.replace('field = "hybrid"', 'field = "no_such_field"')
    with pytest.raises(PlaybookError, match=r"onprem\.toml step 'onprem-extra'.*no_such_field"):
        parse(with_step(FILES["onprem"], broken))


def test_unknown_field_in_a_line_condition_is_reported():
    broken = GOOD_STEP.replace(
        'each = "sip_domains"',
        'each = "sip_domains"\nwhen = { field = "nope", is_set = true }',
    )
    with pytest.raises(PlaybookError, match=r"onprem\.toml step 'onprem-extra'.*'nope'"):
        parse(with_step(FILES["onprem"], broken))


def test_duplicate_step_id_is_reported():
    broken = GOOD_STEP.replace('id = "onprem-extra"', 'id = "onprem-version"')
    with pytest.raises(PlaybookError, match=r"onprem\.toml step 'onprem-version': duplicate"):
        parse(with_step(FILES["onprem"], broken))


def test_placeholder_that_is_not_a_field_is_reported():
    broken = GOOD_STEP.replace("{{dns_ttl}}", "{{ttl_typo}}")
    with pytest.raises(PlaybookError, match=r"onprem\.toml step 'onprem-extra'.*ttl_typo"):
        parse(with_step(FILES["onprem"], broken))


def test_placeholder_in_prose_that_is_not_a_field_is_reported():
    broken = GOOD_STEP.replace('body = "Text."', 'body = "Hello {{nobody}}."')
    with pytest.raises(PlaybookError, match=r"onprem\.toml step 'onprem-extra'.*nobody"):
        parse(with_step(FILES["onprem"], broken))


def test_unknown_filter_is_reported():
    broken = GOOD_STEP.replace("{{item|dot}}", "{{item|shout}}")
    with pytest.raises(PlaybookError, match=r"onprem\.toml step 'onprem-extra'.*shout"):
        parse(with_step(FILES["onprem"], broken))


def test_each_on_a_field_that_is_not_a_list_is_reported():
    broken = GOOD_STEP.replace('each = "sip_domains"', 'each = "access_edge_fqdn"')
    with pytest.raises(PlaybookError, match=r"onprem\.toml step 'onprem-extra'.*not a list"):
        parse(with_step(FILES["onprem"], broken))


def test_unknown_step_field_is_reported():
    broken = GOOD_STEP.replace('body = "Text."', 'body = "Text."\nfields = ["sip_domain"]')
    with pytest.raises(PlaybookError, match=r"onprem\.toml step 'onprem-extra'.*'sip_domain'"):
        parse(with_step(FILES["onprem"], broken))


def test_plain_http_link_is_reported():
    broken = GOOD_STEP + '[[steps.links]]\nlabel = "Docs"\nurl = "http://example.com/"\n'
    with pytest.raises(PlaybookError, match=r"onprem\.toml step 'onprem-extra'.*https"):
        parse(with_step(FILES["onprem"], broken))


def test_bad_step_id_is_reported():
    broken = GOOD_STEP.replace('id = "onprem-extra"', 'id = "Onprem_Extra"')
    with pytest.raises(PlaybookError, match=r"onprem\.toml step 'Onprem_Extra'"):
        parse(with_step(FILES["onprem"], broken))


def test_misspelt_choice_value_in_a_condition_is_reported():
    broken = GOOD_STEP.replace(
        'when = { field = "hybrid", is_true = true }',
        'when = { field = "server_version", equals = "2013cu5" }',
    )
    with pytest.raises(
        PlaybookError,
        match=r"onprem\.toml step 'onprem-extra': condition: 'server_version' has no choice "
        r"'2013cu5' \(did you mean '2013-cu5'\?\)",
    ):
        parse(with_step(FILES["onprem"], broken))


def test_is_true_on_a_field_that_is_not_true_false_is_reported():
    broken = GOOD_STEP.replace('field = "hybrid"', 'field = "server_version"')
    with pytest.raises(PlaybookError, match=r"is_true tests a true/false field.*'server_version'"):
        parse(with_step(FILES["onprem"], broken))


def test_sequence_naming_a_missing_file_is_reported():
    files = dict(FILES, playbook=FILES["playbook"].replace('"finish"]', '"finish", "extra"]'))
    with pytest.raises(PlaybookError, match=r"playbook\.toml, sequence\[\d+\]: names extra\.toml"):
        parse(files)


def test_always_is_the_neutral_condition():
    assert ALWAYS.holds({}) and ALWAYS.fields() == set()


def test_the_stores_secret_fields_are_the_playbooks():
    from wizard.storage.secrets import SECRET_FIELD_IDS

    book = BOOK
    assert {fid for fid, f in book.fields.items() if f.secret} == SECRET_FIELD_IDS
