"""The names the code and the content share are declared once, in wizard.content.ids.

The content must define every declared id, and the code may only name (as a string literal) the
field and step ids declared there: a literal id elsewhere is either undeclared (a rename of the
content would break it silently) or a typo.
"""

from __future__ import annotations

import ast
from pathlib import Path

from wizard.checks import runner
from wizard.content import ids, schema, templates
from wizard.content.playbook import load
from wizard.storage.secrets import SECRET_FIELD_IDS

BOOK = load()
WIZARD = Path(__file__).resolve().parent.parent / "wizard"
#: Calls whose first argument is a field or step id.
ID_METHODS = {"set_value", "field", "step", "has_step", "status_of", "mark", "visit", "fill"}
#: Words that are kinds or keys as well as ids (a step kind "summary" and the step "summary").
NOT_IDS = schema.STEP_KINDS | schema.FIELD_KINDS | {"summary"}


def _literal_ids(tree: ast.AST) -> list[tuple[int, str, str]]:
    """(line, id, how) for every string literal used as a field or step id."""
    found: list[tuple[int, str, str]] = []
    content_ids = set(BOOK.fields) | {s.id for s in BOOK.steps}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            # A compound id anywhere (sip_domains, onprem-dns); one-word ids ("client") are
            # also plain words, so those count only where they are used as ids (below).
            compound = "_" in node.value or "-" in node.value
            if compound and node.value in content_ids and node.value not in NOT_IDS:
                found.append((node.lineno, node.value, "a content id"))
        # values.get("x"), setup.values["x"], session.set_value("x", ...), book.field("x")
        target: ast.expr | None = None
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args:
            receiver = ast.unparse(node.func.value)
            if node.func.attr in ID_METHODS or (
                node.func.attr in {"get", "pop"} and "values" in receiver or receiver == "vals"
            ):
                target = node.args[0]
        elif isinstance(node, ast.Subscript) and "values" in ast.unparse(node.value):
            target = node.slice
        if isinstance(target, ast.Constant) and isinstance(target.value, str):
            found.append((node.lineno, target.value, "used as an id"))
    return found


def test_the_content_defines_every_declared_id() -> None:
    assert ids.FIELDS - set(BOOK.fields) == set()
    assert ids.STEPS - {s.id for s in BOOK.steps} == set()
    assert tuple(c.value for c in BOOK.field(ids.DEPLOYMENT).choices) == ids.DEPLOYMENTS
    assert runner.DEPLOYMENTS == ids.HISTORICAL_DEPLOYMENTS  # teams-free has nothing to check


def test_the_code_names_only_declared_ids() -> None:
    declared = ids.FIELDS | ids.STEPS
    undeclared = [
        f"{path.relative_to(WIZARD.parent)}:{line}: {name!r} ({how})"
        for path in sorted(WIZARD.rglob("*.py"))
        if path.name != "ids.py"
        for line, name, how in _literal_ids(ast.parse(path.read_text(encoding="utf-8")))
        if name not in declared
    ]
    assert undeclared == [], "declare these in wizard/content/ids.py (or fix the typo)"


def test_the_scan_finds_an_undeclared_id_and_a_typo() -> None:
    code = (
        "a = setup.values.get('dns_ttl')\n"  # a real field, not declared
        "b = values['pic_submited_on']\n"  # a typo of a declared one
        "session.set_value('client_nmae', 'x')\n"
        "kind = step.kind == 'summary'\n"  # a kind, not an id
    )
    names = {name for _, name, _ in _literal_ids(ast.parse(code))} - ids.FIELDS
    assert names == {"dns_ttl", "pic_submited_on", "client_nmae"}


def test_the_declared_filters_are_the_implemented_ones() -> None:
    assert set(templates.ALL_FILTERS) == set(ids.FILTERS)


def test_the_secret_fields_are_declared_and_marked_secret() -> None:
    assert SECRET_FIELD_IDS <= ids.FIELDS
    assert {fid for fid, f in BOOK.fields.items() if f.secret} == SECRET_FIELD_IDS
