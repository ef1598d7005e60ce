"""The names the code and the content share are declared once (wizard.content.ids)."""

from __future__ import annotations

from wizard.content import ids, templates


def test_the_declared_filters_are_the_implemented_ones() -> None:
    assert set(templates.FILTERS) == set(ids.FILTERS)
