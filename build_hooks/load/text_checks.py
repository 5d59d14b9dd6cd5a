"""Checks on the characters of a brief that YAML itself lets through.

Each guards against text that reads one way to a reviewer and another way to the build: an
invisible or direction-changing character, a value that YAML cut short at a `#`, or a word
that mixes look-alike letters from different alphabets.
"""

from __future__ import annotations

import re
import unicodedata

from build_hooks.errors import Problem
from build_hooks.load.positions import format_path, line_starts, position, split_lines
from build_hooks.load.yaml_errors import field_at

# The two parsers treat raw tabs differently, and these separators end a line for YAML but
# not for most editors: refusing them keeps positions and results the same everywhere.
# Bidirectional controls and zero-width characters make a reviewer see text other than what
# is stored (Trojan Source, CVE-2021-42574), so they are refused anywhere, comments included.
FORBIDDEN_WHY = {
    "\t": "a tab character; briefs use spaces (replace each tab with spaces)",
    "\x85": "a NEL control character (U+0085); replace it with a normal line break",
    "\u2028": "a Unicode line separator (U+2028); replace it with a normal line break",
    "\u2029": "a Unicode paragraph separator (U+2029); replace it with a normal line break",
    **{
        char: f"an invisible bidirectional control character ({name}, U+{ord(char):04X}), which"
        " can make text display in an order other than the one stored; delete it"
        for char, name in [
            ("\u061c", "arabic letter mark"),
            ("\u200e", "left-to-right mark"),
            ("\u200f", "right-to-left mark"),
            ("\u202a", "left-to-right embedding"),
            ("\u202b", "right-to-left embedding"),
            ("\u202c", "pop directional formatting"),
            ("\u202d", "left-to-right override"),
            ("\u202e", "right-to-left override"),
            ("\u2066", "left-to-right isolate"),
            ("\u2067", "right-to-left isolate"),
            ("\u2068", "first strong isolate"),
            ("\u2069", "pop directional isolate"),
        ]
    },
    **{
        char: f"an invisible {name} (U+{ord(char):04X}), which a reviewer cannot see; delete it"
        for char, name in [
            ("\u00ad", "soft hyphen"),
            ("\u180e", "Mongolian vowel separator"),
            ("\u200b", "zero-width space"),
            ("\u200c", "zero-width non-joiner"),
            ("\u200d", "zero-width joiner"),
            ("\u2060", "word joiner"),
            ("\ufeff", "zero-width no-break space"),
        ]
    },
}
_FORBIDDEN = re.compile("[" + "".join(FORBIDDEN_WHY) + "]")


def forbidden_characters(text: str, path: str) -> list[Problem]:
    """One problem for each line holding a character from FORBIDDEN_WHY (the first one)."""
    problems: list[Problem] = []
    if not _FORBIDDEN.search(text):
        return problems  # the usual case, found without counting lines
    starts = line_starts(text)
    lines: list[str] | None = None
    for match in _FORBIDDEN.finditer(text):
        line, column = position(starts, match.start())
        if not problems or problems[-1].line != line:
            lines = lines or split_lines(text)
            problems.append(
                Problem(
                    path,
                    line,
                    column,
                    format_path(field_at(lines, line - 1)),
                    FORBIDDEN_WHY[match.group()],
                )
            )
    return problems


_HIDDEN = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f" + "".join(FORBIDDEN_WHY) + "]")


def hidden_character(value: str) -> str | None:
    """The first character of a loaded value that no brief needs and no reviewer sees: a
    control character or one of FORBIDDEN_WHY. Raw ones never get this far (the file is
    refused); these were written as escapes inside double quotes ("\\u202e")."""
    match = _HIDDEN.search(value)
    return match.group() if match else None


# A comment needs a space before '#'; what follows a comment marker is usually a space too.
# "Acme #1 chipmaker" (no space after '#') is a value that YAML cut short, not a comment.
_CUT_BY_COMMENT = re.compile(r"[ ]+#(?=[^\s#])")


def comment_cuts_value(text: str, end: int) -> int | None:
    """The offset of a '#' that cut a plain value ending at `end` short, if there is one."""
    match = _CUT_BY_COMMENT.match(text, end)
    return match.end() - 1 if match else None


_CONFUSABLE_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")
_WORD = re.compile(r"[^\W\d_]+")


def mixed_script_word(value: str) -> str | None:
    """The first word mixing Latin, Cyrillic or Greek letters ('аcme' with a Cyrillic а)."""
    if value.isascii():
        return None  # nearly every value: no other alphabet to mix with
    for word in _WORD.findall(value):
        scripts = {_script(char) for char in word} & set(_CONFUSABLE_SCRIPTS)
        if len(scripts) > 1:
            return str(word)
    return None


def _script(char: str) -> str:
    return unicodedata.name(char, "").split(" ", 1)[0]
