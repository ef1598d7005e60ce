"""The names the code and the content share, declared once.

The content (``resources/playbook/*.toml``) may only use the template filters listed here, and the
code may only name fields and steps listed here; ``tests/test_content_ids.py`` fails when the
content lacks one of them or the code uses a literal that is not declared.
"""

from __future__ import annotations

#: Filters usable in templates as ``{{field|name}}``; ``templates.FILTERS`` implements exactly these.
FILTERS = frozenset(
    {"ps", "psbool", "fqdn", "dot", "sipuri", "pssip", "msn", "plus2", "plus30", "label"}
)
