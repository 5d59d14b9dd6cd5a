"""Checks on the characters of a brief that YAML itself lets through.

Each guards against text that reads one way to a reviewer and another way to the build: an
invisible or direction-changing character, a character that is not text at all (a Unicode
noncharacter or half a surrogate pair), a value that YAML cut short at a `#`, or a word
written with letters that only look like the ones a reader and search expect.
"""

from __future__ import annotations

import re
import unicodedata

from build_hooks.errors import Problem
from build_hooks.limits import MAX_PROBLEMS_PER_FILE
from build_hooks.load.layout import field_at
from build_hooks.load.positions import format_path, line_starts, position, split_lines

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
# Unicode's 66 noncharacters (U+FDD0-U+FDEF and the last two code points of every plane)
# are not text: they break the YAML and XML the site is written as, so no brief holds one.
_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
)
_FORBIDDEN = re.compile("[" + "".join(FORBIDDEN_WHY) + _NONCHARACTERS + "]")
# Every forbidden character but the tab is above U+0084. Searching a long text with the
# class above tests each character against dozens of ranges (a tenth of a millisecond for a
# brief); finding the runs of such characters first tests only those few.
_WIDE_RUN = re.compile(r"[^\x00-\x08\n-\x84]+")


def why_forbidden(char: str) -> str:
    """Why a character from the forbidden set may not be in a brief, and what to do."""
    if char in FORBIDDEN_WHY:
        return FORBIDDEN_WHY[char]
    return (
        f"the Unicode noncharacter U+{ord(char):04X}, which is not text and would break"
        " the files the site is built from; delete it"
    )


def forbidden_characters(text: str, path: str) -> list[Problem]:
    """One problem for each line holding a character from FORBIDDEN_WHY (the first one)."""
    problems: list[Problem] = []
    if not _has_forbidden(text):
        return problems  # the usual case, found without counting lines
    starts = line_starts(text)
    lines: list[str] | None = None
    for match in _FORBIDDEN.finditer(text):
        line, column = position(starts, match.start())
        if not problems or problems[-1].line != line:
            lines = lines or split_lines(text)
            # Only the problems that will be shown get their field worked out (reading
            # the lines above for each of thousands would take minutes).
            field = field_at(lines, line - 1) if len(problems) < MAX_PROBLEMS_PER_FILE else ()
            problems.append(
                Problem(path, line, column, format_path(field), why_forbidden(match.group()))
            )
    return problems


def _has_forbidden(text: str) -> bool:
    if text.isascii():
        return "\t" in text
    return any(_FORBIDDEN.search(run.group()) for run in _WIDE_RUN.finditer(text))


_HIDDEN = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff" + "".join(FORBIDDEN_WHY) + _NONCHARACTERS + "]"
)


def hidden_character(value: str) -> str | None:
    """The first character of a loaded value that no brief needs and no reviewer sees: a
    control character, half a surrogate pair, a noncharacter or one of FORBIDDEN_WHY. Raw
    ones never get this far (the file is refused); these were written as escapes inside
    double quotes ("\\u202e")."""
    match = _HIDDEN.search(value)
    return match.group() if match else None


# A comment needs a space before '#'; what follows a comment marker is usually a space too.
# "Acme #1 chipmaker" (no space after '#') is a value that YAML cut short, not a comment.
_CUT_BY_COMMENT = re.compile(r"[ ]+#(?=[^\s#])")


def comment_cuts_value(text: str, end: int) -> int | None:
    """The offset of a '#' that cut a plain value ending at `end` short, if there is one."""
    match = _CUT_BY_COMMENT.match(text, end)
    return match.end() - 1 if match else None


_WORD = re.compile(r"[^\W\d_]+")
_SAFE_SCRIPTS = ["latin", "common", "han", "hiragana", "katakana", "hangul"]


def lookalike_word(value: str) -> tuple[str, str] | None:
    """The first word written with letters that only look like the expected ones, and
    why: compatibility forms that Unicode folds to plain letters (NFKC: fullwidth
    'Ｎｖｉｄｉａ', mathematical '𝐍vidia'); letters that Unicode's confusables data lists as
    look-alikes of Latin ones, among Latin letters ('аcme' with a Cyrillic 'а'); or a whole
    word of them ('ВЕС' in Cyrillic for 'BEC') in text not otherwise in that alphabet (a
    Russian headline is Russian, not a disguise)."""
    if value.isascii():
        return None  # nearly every value: no other alphabet to mix with
    words = [word for word in _WORD.findall(value) if not word.isascii()]
    for word in words:
        folded = unicodedata.normalize("NFKC", word)
        if folded != word and any(_folds_to_a_plain_letter(char) for char in word):
            return word, (
                "is written with look-alike characters (fullwidth or styled letters) that"
                f" search and links treat as different from {folded!r}; type it as {folded!r}"
            )
    genuine = None
    for word in words:
        found = _latin_lookalikes(word)
        if not found:
            continue
        latin = any(_script(char) == "LATIN" for char in word)
        if not latin:
            if len(found) < len(set(word)):
                continue  # also has letters of its own alphabet that look like no Latin one
            genuine = genuine if genuine is not None else _genuine_scripts(words)
            if _script(word[0]) in genuine:
                continue
        char, script, looks_like = found[0]
        return word, (
            f"has letters of another alphabet that look like Latin ones ({char!r}, {script},"
            f" looks like {looks_like!r}), so search and links do not find what a reader"
            " sees; retype it in one alphabet"
        )
    return None


def _folds_to_a_plain_letter(char: str) -> bool:
    """'Ｎ' (fullwidth) and '𝐍' (mathematical) fold to 'N'; '²' folds to a digit, 'é' stays."""
    if char.isascii():
        return False
    folded = unicodedata.normalize("NFKC", char)
    return folded.isascii() and folded.isalpha()


def _latin_lookalikes(word: str) -> list[tuple[str, str, str]]:
    """(letter, its script, the Latin letter it looks like) for each letter of the word
    that Unicode's confusables data lists as a look-alike of a Latin one."""
    # The data (through confusable_homoglyphs) is loaded only when a non-ASCII word
    # appears: most briefs have none.
    from confusable_homoglyphs import confusables

    found = confusables.is_confusable(word, greedy=True, preferred_aliases=_SAFE_SCRIPTS) or []
    lookalikes = []
    for item in found:
        glyphs = [glyph["c"] for glyph in item["homoglyphs"]]
        latin = [g for g in glyphs if g.isascii()] or [
            g for g in glyphs if _script(g[0]) == "LATIN"
        ]
        if latin:
            lookalikes.append((item["character"], item["alias"].capitalize(), latin[0]))
    return lookalikes


def _genuine_scripts(words: list[str]) -> set[str]:
    """Alphabets the text is really written in: those with a letter here that looks like
    no Latin letter."""
    lookalike = {char for word in words for char, _, _ in _latin_lookalikes(word)}
    return {_script(char) for word in words for char in word if char not in lookalike}


def _script(char: str) -> str:
    from confusable_homoglyphs import categories

    return str(categories.alias(char))
