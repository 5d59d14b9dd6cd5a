"""Chinese text marked as Chinese: `<span lang="zh-Hans">英伟达</span>`.

The site is in English (`<html lang="en">`), so without a mark a screen reader reads
英伟达 with an English voice (or spells out code points) and a browser may pick a
Japanese font for it. Each run of Han characters in a page's text is wrapped in a span
whose `lang` says which script it is written in, when its characters tell: `zh-Hans`
(simplified), `zh-Hant` (traditional), `zh` when they belong to both (阿里巴巴) or mix
them, and `ja` when kana stand among them. Only text between tags changes: attributes,
scripts, styles and the title are left alone, and the characters themselves are not
touched, so search finds the same words. It runs on each finished page, after the
sanitiser (which it cannot give anything to remove: it adds only these spans).
"""

from __future__ import annotations

import re

import hanzidentifier
from zhon.hanzi import characters as _HAN

# A run starts and ends with a Han character and may hold CJK punctuation, full-width
# forms and kana between them (a Chinese phrase with its own commas is one run).
_RUN = re.compile(f"[{_HAN}](?:[{_HAN}\u3000-\u303f\u3040-\u30ff\uff00-\uffef]*[{_HAN}])?")
_KANA = re.compile("[\u3040-\u30ff]")
# A tag (quoted attribute values may hold '>').
_TAG = r"</?[a-zA-Z][^\s/<>]*(?:[^<>\"']|\"[^\"]*\"|'[^']*')*>"
# Comments, tags and text, in order.
_TOKEN = re.compile(r"<!--.*?-->|" + _TAG + r"|[^<]+|<", re.DOTALL)
# Elements whose content is not text to mark.
_RAW = re.compile(r"<(script|style|textarea|title)\b", re.IGNORECASE)

_SCRIPTS = {
    hanzidentifier.SIMPLIFIED: "zh-Hans",
    hanzidentifier.TRADITIONAL: "zh-Hant",
}


def language_of(run: str) -> str:
    """The language tag for a run of Han characters.

    >>> [language_of(run) for run in ("英伟达", "輝達", "阿里巴巴", "半導体の", "华為")]
    ['zh-Hans', 'zh-Hant', 'zh', 'ja', 'zh']
    """
    if _KANA.search(run):
        return "ja"
    return _SCRIPTS.get(hanzidentifier.identify(run), "zh")


def mark_languages(html: str) -> str:
    """`html` with every run of Han characters in its text wrapped in a span with a
    `lang` attribute.

    >>> mark_languages('<p title="英伟达">Nvidia (英伟达, 輝達)</p>')
    '<p title="英伟达">Nvidia (<span lang="zh-Hans">英伟达</span>, <span lang="zh-Hant">輝達</span>)</p>'
    >>> mark_languages('<script>var a = "华为";</script>')
    '<script>var a = "华为";</script>'
    """
    if not _RUN.search(html):
        return html
    pieces = []
    raw_until = ""  # inside <script> and the like: the end tag that closes it
    for token in _TOKEN.finditer(html):
        text = token.group(0)
        if raw_until:
            if text.lower().startswith(raw_until):
                raw_until = ""
        elif text.startswith("<") and len(text) > 1:
            raw = _RAW.match(text)
            if raw is not None:
                raw_until = f"</{raw.group(1).lower()}"
        else:
            text = _RUN.sub(_marked, text)
        pieces.append(text)
    return "".join(pieces)


def _marked(run: re.Match[str]) -> str:
    return f'<span lang="{language_of(run.group(0))}">{run.group(0)}</span>'
