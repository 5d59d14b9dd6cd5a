"""Brief text on its way into Markdown: escaped, with mentions and citations resolved.

Two kinds of text come from briefs. One-line fields (names, labels) are plain text and
every character Markdown or HTML would act on is escaped. Markdown fields allow a small,
safe subset: paragraphs, bulleted lists, *emphasis* and **strong**, plus the project's own
``[[id]]`` / ``[[id|label]]`` mentions and ``[^source-id]`` citations. Everything else,
raw HTML, links, images, attribute lists and headings included, comes out as literal text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable

from build_hooks.validate.mentions import Token, scan


class Safe(str):
    """Markdown that is already escaped and may be written to a page as it is."""

    __slots__ = ()


# Characters that Python-Markdown, attr_list and the tables extension act on inline.
_INLINE = {
    "\\": "\\\\",
    "`": "\\`",
    "*": "\\*",
    "_": "\\_",
    "{": "\\{",
    "}": "\\}",
    "[": "\\[",
    "]": "\\]",
    "!": "\\!",
    "|": "\\|",
    "<": "&lt;",
    ">": "&gt;",
    "&": "&amp;",
}
_INLINE_TABLE = str.maketrans({**_INLINE, "#": "\\#"})
_PROSE_TABLE = str.maketrans({k: v for k, v in _INLINE.items() if k not in "*_"})
_BREAKS = re.compile("\r\n|[\r\x85\u2028\u2029]")
# Python-Markdown's own marker for where footnotes go; text must never contain it.
_FOOTNOTE_MARKER = "///"
_RULE_OR_UNDERLINE = re.compile(r"\s*([-=_*])(\s*\1)*\s*")
_LIST_ITEM = re.compile(r"(\s*)([-*+])(\s+)(.*)", re.DOTALL)
_BLOCK_START = re.compile(r"(\s*)(#|=|\+|-|~|\d{1,9}(?=[.)]))")
# '=' and '~' have no backslash escape in Python-Markdown: use their character references.
_START_ESCAPES = {
    "#": "\\#",
    "=": "&#61;",
    "+": "\\+",
    "-": "\\-",
    "~": "&#126;",
    "*": "\\*",
    "_": "\\_",
}


# Names repeat on every page that links to or cites a brief: escape each one once.
@functools.lru_cache(maxsize=1 << 16)
def escape_text(text: str) -> Safe:
    """Plain text as inline Markdown that shows exactly these characters.

    >>> print(escape_text("<b>A|B</b> {: onclick=x} C#"))
    &lt;b&gt;A\\|B&lt;/b&gt; \\{: onclick=x\\} C\\#
    >>> print(escape_text("1. = ~"), escape_text("= x"))
    1\\. = ~ &#61; x
    """
    line = " ".join(_BREAKS.sub("\n", text).split("\n")).translate(_INLINE_TABLE)
    return Safe(_escape_line_start(line.replace(_FOOTNOTE_MARKER, "/&#47;/"), prose=False))


def render_prose(
    text: str,
    replace: Callable[[Token], str],
    decorate: Callable[[str], str] | None = None,
) -> Safe:
    """A Markdown field as safe Markdown, with `replace` deciding what each token becomes.

    Tokens are swapped for placeholders while the text is escaped, so that every line is
    judged whole: a token never hides a heading, and a line never starts a footnote
    definition by beginning with a citation and a colon. `decorate`, if given, may add
    inline markup to the escaped text between tokens (never inside a mention's link).
    """
    text = _BREAKS.sub("\n", text)
    tokens = list(scan(text))
    pieces: list[str] = []
    position = 0
    for index, token in enumerate(tokens):
        pieces.append(text[position : token.offset])
        pieces.append(f"\x00{index}\x00")  # the loader refuses NUL, so this is unambiguous
        position = token.offset + len(token.text)
    pieces.append(text[position:])
    body = "".join(pieces).translate(_PROSE_TABLE).replace(_FOOTNOTE_MARKER, "/&#47;/")
    body = "\n".join(
        _tidy_emphasis(_escape_line_start(line, prose=True)) for line in body.split("\n")
    )
    body = re.sub(r"^(\s*\x00\d+\x00):", "\\1&#58;", body, flags=re.MULTILINE)
    if decorate is not None:
        body = "".join(
            piece if index % 2 else decorate(piece)
            for index, piece in enumerate(_PLACEHOLDER.split(body))
        )
    body = re.sub("\x00(\\d+)\x00", lambda m: replace(tokens[int(m.group(1))]), body)
    return Safe(body.strip("\n"))


_PLACEHOLDER = re.compile("(\x00\\d+\x00)")


# Emphasis the site keeps: `*words*` and `**words**` on one line, nothing nested. Python-
# Markdown loses text (a citation, even) in tangles of '*' and '_', so every other marker
# is shown as itself.
_LIST_PREFIX = re.compile(r" {0,3}(?:[-*+] )*")
_EMPHASIS = re.compile(r"(\*\*|\*)(?![\s*])((?:\\.|[^*\\\n])+?)(?<![\s*\\])\1(?!\*)")
_MARKER = re.compile(r"\\.|[*_]")


def _tidy_emphasis(line: str) -> str:
    """A prose line with its list markers and well-formed emphasis kept, and every other
    '*' and '_' escaped.

    >>> print(_tidy_emphasis("- *a* and **b**, not ***c*** or _d_ or snake_case"))
    - *a* and **b**, not \\*\\*\\*c\\*\\*\\* or \\_d\\_ or snake\\_case
    """
    prefix = _LIST_PREFIX.match(line)
    start = prefix.end() if prefix else 0
    rest = line[start:]
    out, position = [line[:start]], 0
    for match in _EMPHASIS.finditer(rest):
        out.append(_escape_markers(rest[position : match.start()]))
        out.append(match.group(1) + _escape_markers(match.group(2)) + match.group(1))
        position = match.end()
    out.append(_escape_markers(rest[position:]))
    return "".join(out)


def _escape_markers(text: str) -> str:
    # Escapes already written ('\\#', '\\\\') are kept as they are.
    return _MARKER.sub(lambda m: m.group() if len(m.group()) == 2 else "\\" + m.group(), text)


def _escape_line_start(line: str, *, prose: bool) -> str:
    """Stop a line from starting a heading, rule, setext underline, fence, code block or
    list.

    Prose keeps bullet markers ('- ', '* ', '+ '); the rest of a bulleted line is then
    checked as a line of its own. No prose line keeps more than three spaces of
    indentation, before a marker or after it: four would start a code block, which shows
    our escapes as backslashes and swallows citations (their footnotes then point at
    nothing); a line works just as well with less.
    """
    if prose:
        indent = len(line) - len(line.lstrip(" "))
        if indent > 3:
            line = line[indent - 3 :]
    if line.strip() and _RULE_OR_UNDERLINE.fullmatch(line):
        indent = len(line) - len(line.lstrip())
        return line[:indent] + _START_ESCAPES[line[indent]] + line[indent + 1 :]
    if prose:
        item = _LIST_ITEM.fullmatch(line)
        if item and item.group(4).strip():
            rest = _escape_line_start(item.group(4), prose=True)
            return f"{item.group(1)}{item.group(2)} {rest}"
    match = _BLOCK_START.match(line)
    if not match:
        return line
    spaces, marker = match.group(1), match.group(2)
    if marker[0].isdigit():
        # '2026. The year' would become item 1 of a numbered list, losing the number.
        after = match.end()
        return f"{line[:after]}\\{line[after:]}"
    return f"{spaces}{_START_ESCAPES[marker]}{line[match.end() :]}"


# Schema text (field names, enumerated values, examples): trusted, shown as code.


def code_span(text: str) -> Safe:
    """Schema text (field names, values) as inline code; never text from a brief."""
    if "`" in str(text) or "\n" in str(text):
        raise ValueError(f"cannot show {text!r} as inline code")
    return Safe(f"`{text}`")


def code_block(lines: Iterable[str]) -> Safe:
    """Lines as an indented code block, which Markdown shows exactly as written."""
    return Safe("\n".join(f"    {line}" for line in lines))


def anchor(path: str) -> str:
    """A heading id for a field path: 'specs.memory_gb' -> 'specs-memory-gb'."""
    return "-".join(part for part in re.split(r"[^a-z0-9]+", path.lower()) if part)
