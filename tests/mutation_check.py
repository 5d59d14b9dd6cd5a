"""Remove one protection at a time and check that the tests notice (`make mutations`).

A protection with no failing test when it is removed is not tested. Each mutation below
replaces one exact line fragment of build_hooks/ (the script stops if the fragment is not
there exactly once, so it cannot silently test nothing), runs the tests that should catch
it, and restores the file. Exit code 1 if any mutation survives, 2 if the tests of one
could not run (none selected, or pytest failed to start): that shows nothing either way.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FAST = [
    "build_hooks",
    "tests/test_speed.py",
    "tests/test_hostile.py",
    "tests/test_loader.py",
    "tests/test_schema.py",
    "tests/test_graph.py",
    "tests/test_render.py",
    "tests/test_data_files.py",
    "tests/test_properties.py",
]
SITE = ["tests/test_hostile_site.py"]

MUTATIONS = [
    (
        "duplicate keys (Y1)",
        "load/reader.py",
        "if tag == _STR_TAG and key not in frame.seen:",
        "if tag == _STR_TAG:",
        FAST,
    ),
    ("keys must be text (Y2)", "load/reader.py", "elif tag != _STR_TAG:", "elif False:", FAST),
    (
        "YAML 1.1 quoting hint (Y3-Y5)",
        "validate/validator.py",
        'f"; YAML reads the unquoted',
        '"" and f"; YAML reads the unquoted',
        FAST,
    ),
    (
        "a value cut at ' #' (Y7)",
        "load/reader.py",
        "if not event.style and (cut :=",
        "if False and (cut :=",
        FAST,
    ),
    ("several documents (Y9)", "load/reader.py", "if self.documents > 1:", "if False:", FAST),
    ("aliases (Y10)", "load/reader.py", "if self.aliases == 1:", "if False:", FAST),
    ("depth cap (Y11)", "load/reader.py", "if len(self.stack) >= MAX_DEPTH:", "if False:", FAST),
    (
        "tags (Y12)",
        "load/reader.py",
        'if tag not in (None, "!") and tag not in _STANDARD_TAGS:',
        "if False:",
        FAST,
    ),
    (
        "UTF-16 (Y13)",
        "load/reader.py",
        'if raw[:2] in (b"\\xff\\xfe", b"\\xfe\\xff"):',
        "if False:",
        FAST,
    ),
    ("size cap (Y14)", "load/reader.py", "if len(raw) > MAX_BYTES:", "if False:", FAST),
    (
        "format checking (S2)",
        "validate/formats.py",
        'FORMATS: dict[str, Callable[[Any], bool]] = {"date": is_date, "uri": is_uri}',
        "FORMATS: dict[str, Callable[[Any], bool]] = {}",
        FAST,
    ),
    (
        "loops and self-references (S4)",
        "graph/resolve.py",
        "problems.extend(_loops(links, by_id))",
        "pass",
        FAST,
    ),
    ("Windows device names (S6)", "load/files.py", "if stem in _RESERVED:", "if False:", FAST),
    (
        "bidi and invisible characters (S7)",
        "load/reader.py",
        "problems = forbidden_characters(text, path)",
        "problems = []",
        FAST,
    ),
    (
        "mixed alphabets (S7)",
        "load/reader.py",
        "elif not value.isascii() and (found := lookalike_word(value)) is not None:",
        "elif False:",
        FAST,
    ),
    (
        "HTML escaping (H1-H3, H9)",
        "render/markdown.py",
        '    "<": "&lt;",\n    ">": "&gt;",\n',
        "",
        FAST,
    ),
    (
        "attr_list escaping (H4)",
        "render/markdown.py",
        '    "{": "\\\\{",\n    "}": "\\\\}",\n',
        "",
        FAST,
    ),
    ("table pipe escaping (H6)", "render/markdown.py", '"|": "\\\\|",', "", FAST),
    (
        "CSV formulas",
        "site/data_files.py",
        "    return _FORMULA_START.sub(",
        "    return cell or _FORMULA_START.sub(",
        FAST,
    ),
    (
        "the sanitiser",
        "site/sanitise.py",
        "    clean = sanitise_html(html)\n",
        "    clean = html\n",
        SITE,
    ),
    (
        "warnings about pages converted in helpers reach strict mode",
        "mkdocs_pages.py",
        "            _PAGE_LOG.log(level, message)\n",
        "            pass\n",
        SITE,
    ),
    (
        "strict mode under -q and -v (C7, B2)",
        "mkdocs_hook.py",
        "        _keep_strict_mode_whole()",
        "        pass",
        SITE,
    ),
    (
        "the fast loader declines briefs with anything unusual (speed)",
        "speed/fast_yaml.py",
        "if not AVAILABLE or _unusual(text):",
        "if not AVAILABLE:",
        FAST,
    ),
    (
        "the fast loader refuses impossible dates as SafeConstructor does (speed)",
        "speed/fast_yaml.py",
        '("tag:yaml.org,2002:timestamp", "construct_yaml_timestamp")',
        '("tag:yaml.org,2002:timestamp", "construct_yaml_str")',
        FAST,
    ),
    (
        "forbidden characters are found in text of any script (S7, speed)",
        "load/text_checks.py",
        "return any(_FORBIDDEN.search(run.group()) for run in _WIDE_RUN.finditer(text))",
        "return False",
        FAST,
    ),
    (
        "a kept schema check is read back only if it is code (speed)",
        "speed/code_cache.py",
        "            if isinstance(code, CodeType):",
        "            if True:",
        FAST,
    ),
    (
        "a long list shows only its start on its brief's page (scale)",
        "render/long_lists.py",
        "        entries[:SHOWN],",
        "        entries,",
        ["tests/test_long_lists.py"],
    ),
    (
        "the quick schema check agrees with python-jsonschema (speed)",
        "speed/quick_schema.py",
        "        return self._check(kind)(data)\n",
        "        return True\n",
        FAST,
    ),
    (
        "no per-page scan of every brief (scale)",
        "render/brief_page.py",
        "        page = PageContext(self.graph, brief.src_uri)\n",
        "        page = PageContext(self.graph, brief.src_uri)\n"
        "        _ = [chip for chip in self.graph.kinds['chips'] if chip.id == brief.id]\n",
        ["tests/test_scale.py::test_work_per_brief_does_not_grow_with_the_number_of_briefs"],
    ),
    (
        "the preview looks again only at pages that read an edit (scale)",
        "preview/tracking.py",
        "Glossary([]) if glossary is None else glossary",
        "glossary or Glossary([])",
        ["tests/test_preview_engine.py"],
    ),
    (
        "the preview lists the briefs again when a file is no longer plain",
        "preview/briefs.py",
        "            return stat.S_ISREG(os.lstat(file).st_mode)",
        "            return os.path.lexists(file)",
        ["tests/test_preview_engine.py"],
    ),
    (
        "the quick inline pass skips only patterns that cannot match (speed)",
        "speed/inline_patterns.py",
        '    inlinepatterns.LINK_RE: "[",',
        '    inlinepatterns.LINK_RE: "(",',
        ["tests/test_quick_inline.py"],
    ),
    (
        "a generated page outside the nav cannot choose its template",
        "mkdocs_hook.py",
        '    if "template" in converted.meta:',
        '    if "template" in converted.meta and False:',
        [
            "tests/test_hostile_site.py::test_a_generated_page_that_chooses_its_template_fails_the_build"
        ],
    ),
    (
        "the quick search parser leaves HTML it does not read whole to Material (speed)",
        "speed/search_sections.py",
        '    if content.count("<") != len(_TAG.findall(content)):',
        "    if False:",
        ["tests/test_search_sections.py"],
    ),
    (
        "the quick search parser leaves raw-text elements to Material (speed)",
        "speed/search_sections.py",
        "        if tag in _RAW_TEXT:",
        "        if False:",
        ["tests/test_search_sections.py"],
    ),
    (
        "only Material's search index gets the quick search parser",
        "mkdocs_pages.py",
        "sections if type(self._search).__module__ == _MATERIAL_SEARCH else None",
        "sections",
        ["tests/test_search_sections.py"],
    ),
]


def missing_fragments() -> list[str]:
    """Mutations whose fragment is not in its file exactly once (the code moved on)."""
    return [
        f"{label}: {old!r} is not in build_hooks/{name} exactly once"
        for label, name, old, _, _ in MUTATIONS
        if (ROOT / "build_hooks" / name).read_text("utf-8").count(old) != 1
    ]


def main() -> int:
    missing = missing_fragments()
    if missing:
        print(
            "Update this script; these fragments are not in the code:",
            *missing,
            sep="\n",
            file=sys.stderr,
        )
        return 2
    survived: list[str] = []
    untested: list[str] = []
    for label, name, old, new, tests in MUTATIONS:
        path = ROOT / "build_hooks" / name
        original = path.read_text("utf-8")
        path.write_text(original.replace(old, new), "utf-8")
        try:
            result = subprocess.run(
                # FAST with the quick suite's settings: each protection there has a quick
                # test that catches its removal. Tests named on their own (a whole built
                # site, a profile of the build) run whatever their marks.
                [
                    sys.executable,
                    "-m",
                    "pytest",
                    "-q",
                    "-x",
                    "-p",
                    "no:cacheprovider",
                    *(["-m", "not slow and not browser"] if tests is FAST else []),
                    *tests,
                ],
                env={**os.environ, "HYPOTHESIS_PROFILE": "quick"},
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=False,
            )
        finally:
            path.write_text(original, "utf-8")
        failed = [
            line.split()[1] for line in result.stdout.splitlines() if line.startswith("FAILED")
        ]
        if result.returncode == 0:
            survived.append(label)
            print(f"{label}: SURVIVED")
        elif result.returncode == 1 and failed:
            print(f"{label}: caught by {failed[0]}")
        else:
            # No test ran (exit 5), or pytest could not run them: nothing was shown.
            untested.append(label)
            print(f"{label}: NOT TESTED (pytest exit code {result.returncode})")
            print(result.stdout[-1500:], result.stderr[-1500:], sep="\n", file=sys.stderr)
    if untested:
        return 2
    return 1 if survived else 0


if __name__ == "__main__":
    sys.exit(main())
