"""A small PowerShell syntax check for tests, where no PowerShell parser is installed.

It tokenises just enough of the language to find what breaks a script: a string that never ends
(single quotes double as the escape inside single-quoted strings: 'it''s'; in double-quoted
strings the backtick escapes: "a`"b", and "" is a quote too), unbalanced or crossed braces,
parentheses and brackets (outside strings and comments), a block comment <# #> that never ends, a
line continuation backtick that is not the last character of its line, and a bare ``<`` (reserved
in PowerShell: an unfilled <placeholder> would stop the script).

Returns a list of problems (empty when the script passes). Here-strings are not used by the app's
scripts and are reported as unsupported, so a new template that needs them gets a real parser.
"""

from __future__ import annotations

import shutil
import subprocess

PAIRS = {"(": ")", "{": "}", "[": "]"}


def problems(text: str) -> list[str]:
    out: list[str] = []
    stack: list[tuple[str, int]] = []
    i, line, n = 0, 1, len(text)
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
            i += 1
        elif c == "<" and text.startswith("<#", i):
            end = text.find("#>", i + 2)
            if end < 0:
                out.append(f"line {line}: block comment <# never ends")
                break
            line += text.count("\n", i, end)
            i = end + 2
        elif c == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
        elif c == "@" and text.startswith(("@'", '@"'), i):
            out.append(f"line {line}: here-string (not checked by these rules)")
            i += 2
        elif c == "'":
            i += 1
            while True:
                if i >= n:
                    out.append(f"line {line}: single-quoted string never ends")
                    return out
                if text[i] == "'":
                    if i + 1 < n and text[i + 1] == "'":  # '' is an escaped quote
                        i += 2
                        continue
                    i += 1
                    break
                if text[i] == "\n":
                    line += 1
                i += 1
        elif c == '"':
            i += 1
            while True:
                if i >= n:
                    out.append(f"line {line}: double-quoted string never ends")
                    return out
                ch = text[i]
                if ch == "`":
                    i += 2
                    continue
                if ch == '"':
                    if i + 1 < n and text[i + 1] == '"':
                        i += 2
                        continue
                    i += 1
                    break
                if ch == "\n":
                    line += 1
                i += 1
        elif c == "`":
            nxt = text[i + 1 : i + 2]
            if nxt in ("\r", "\n"):
                i += 1
            elif nxt == "":
                out.append(f"line {line}: backtick at the very end of the script")
                i += 1
            else:
                rest = text[i + 1 : text.find("\n", i) if "\n" in text[i:] else n]
                if not rest.strip():
                    out.append(f"line {line}: a space after the continuation backtick")
                i += 2
        elif c in PAIRS:
            stack.append((c, line))
            i += 1
        elif c in PAIRS.values():
            if not stack or PAIRS[stack[-1][0]] != c:
                out.append(f"line {line}: {c!r} closes nothing open")
            else:
                stack.pop()
            i += 1
        elif c == "<":
            out.append(f"line {line}: bare '<' (an unfilled placeholder?)")
            i += 1
        else:
            i += 1
    out += [f"line {ln}: {ch!r} is never closed" for ch, ln in stack]
    return out


def parser_available() -> str | None:
    return shutil.which("pwsh") or shutil.which("powershell")


def parse_with_powershell(path: str) -> list[str]:
    """Errors from PowerShell's own parser (only where pwsh is installed)."""
    exe = parser_available()
    assert exe
    script = (
        "$e=$null; [void][System.Management.Automation.Language.Parser]::ParseFile("
        f"'{path.replace(chr(39), chr(39) * 2)}', [ref]$null, [ref]$e); $e | ForEach-Object {{ $_.Message }}"
    )
    r = subprocess.run(
        [exe, "-NoProfile", "-Command", script], capture_output=True, text=True, timeout=120
    )
    return [ln for ln in r.stdout.splitlines() if ln.strip()]
