"""The repository's own briefs: valid, complete for the H200 story, and every fact cited."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from build_hooks.kinds import BRIEF_TYPES
from build_hooks.pipeline import build_site, check
from tests.conftest import REPO

GRAPH, PROBLEMS = check(REPO / "briefs", REPO)


def test_the_repository_briefs_are_valid() -> None:
    assert [str(p) for p in PROBLEMS] == []


@pytest.mark.parametrize(
    ("kind", "brief_id"),
    [
        ("companies", "nvidia"),
        ("companies", "alibaba"),
        ("companies", "tencent"),
        ("companies", "bytedance"),
        ("companies", "huawei"),
        ("companies", "cambricon"),
        ("chips", "h200"),
        ("chips", "h20"),
        ("chips", "rtx-pro-6000d"),
    ],
)
def test_the_story_entities_exist(kind: str, brief_id: str) -> None:
    assert GRAPH.briefs[brief_id].kind == kind


def test_the_seed_article_is_a_source() -> None:
    urls = {b.data["url"] for b in GRAPH.kinds["sources"]}
    assert any(
        url.startswith("https://www.aa.com.tr/en/asia-pacific/china-prepares-for-purchase")
        for url in urls
    )


def test_the_editorial_rules_are_part_of_the_check() -> None:
    # Every paragraph cites a source and no fact rests on aggregators alone: `check`
    # enforces both (graph/editorial.py; the gate cases uncited-paragraph and
    # aggregator-only pin the messages), so the repository's briefs, valid above, obey them.
    from build_hooks.graph.editorial import CITE_EVERY_PARAGRAPH, NO_AGGREGATOR_ALONE
    from tests.hostile_suite import SUITE

    expected = {
        (SUITE / "gate/uncited-paragraph/expected.json").read_text("utf-8"): CITE_EVERY_PARAGRAPH,
        (SUITE / "gate/aggregator-only/expected.json").read_text("utf-8"): NO_AGGREGATOR_ALONE,
    }
    assert all(rule in text for text, rule in expected.items())


def test_the_whole_site_renders() -> None:
    site = build_site(REPO / "briefs", REPO)
    jurisdictions = {b.data["jurisdiction"] for b in GRAPH.kinds["policies"]}
    months = {entry.month for entry in GRAPH.timeline()}
    years = {month[:4] for month in months}
    # briefs, type indexes (one page each at this size), timeline, maintenance,
    # jurisdiction index, one per jurisdiction, the brief format reference, the glossary,
    # and the timeline's page for each month and each year
    assert len(site.pages) == (
        len(GRAPH.briefs) + len(BRIEF_TYPES) + 5 + len(jurisdictions) + len(months) + len(years)
    )


def test_readme_gives_the_two_commands() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    assert "make site" in readme and "make test" in readme


def test_mkdocs_config_is_strict_and_the_hook_logs_under_mkdocs() -> None:
    import yaml

    from build_hooks import mkdocs_hook

    # mkdocs.yml may hold !!python tags in general; ours has none, so safe_load suffices.
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text("utf-8"))
    assert config["strict"] is True
    assert config["validation"] == {
        "omitted_files": "warn",
        "absolute_links": "warn",
        "unrecognized_links": "warn",
        "anchors": "warn",
    }
    assert config["hooks"] == ["build_hooks/mkdocs_hook.py"]
    assert mkdocs_hook.log.name.startswith("mkdocs.")
    assert [name for name in vars(mkdocs_hook) if name.startswith("on_")] == [
        "on_config",
        "on_files",
        "on_page_read_source",
        "on_page_markdown",
        "on_page_content",
        "on_page_context",
        "on_post_page",
        "on_env",
        "on_post_build",
        "on_build_error",
    ]


def test_only_safe_yaml_loaders_are_used() -> None:
    # yaml.load with the default Loader, FullLoader or UnsafeLoader runs code from the
    # document (CVE-2017-18342, CVE-2020-1747, CVE-2020-14343): reliability notes Y12.
    from build_hooks.load import reader as loader

    assert loader.DEFAULT_LOADER in (yaml.CSafeLoader, yaml.SafeLoader)
    unsafe = re.compile(
        r"FullLoader|UnsafeLoader|full_load|unsafe_load|yaml\.Loader\b"
        r"|yaml\.load\((?!.*Loader=yaml\.(?:Base|Safe|CSafe)Loader)"
    )
    for path in sorted(
        [
            *REPO.glob("build_hooks/**/*.py"),
            *REPO.glob("tests/**/*.py"),
            *REPO.glob("benchmarks/**/*.py"),
        ]
    ):
        if path.name != "test_repository.py":  # this file names them to forbid them
            assert not unsafe.search(path.read_text("utf-8")), path


def test_the_preview_server_listens_on_this_machine_only() -> None:
    # A preview server is a development server (`mkdocs serve` had a path traversal bug,
    # CVE-2021-40978): it must never be bound to a public address (reliability notes B5).
    # `make serve` runs `build_hooks serve`, whose address is 127.0.0.1 unless told.
    from build_hooks.cli import serve_command

    makefile = (REPO / "Makefile").read_text("utf-8")
    serve = makefile.split("\nserve:", 1)[1].split("\n\n", 1)[0]
    assert "build_hooks serve" in serve and "--host" not in serve and "0.0.0.0" not in serve
    host = next(option for option in serve_command.params if option.name == "host")
    assert host.default == "127.0.0.1"
    config = yaml.load((REPO / "mkdocs.yml").read_text("utf-8"), Loader=yaml.BaseLoader)
    assert config.get("dev_addr", "127.0.0.1:8000").startswith("127.0.0.1:")


@pytest.mark.parametrize(
    ("package", "minimum"),
    [
        ("mkdocs-material", "9.7.7"),  # search XSS via the q parameter (CVE-2026-73295)
        ("pymdown-extensions", "11.0.2"),  # snippets traversal, b64, ReDoS advisories
        ("PyYAML", "5.4"),  # FullLoader code execution (CVE-2020-14343)
        ("Jinja2", "3.1.5"),  # sandbox escapes (CVE-2024-56201, CVE-2024-56326)
        ("Markdown", "3.4"),
    ],
)
def test_pinned_versions_are_above_the_known_advisories(package: str, minimum: str) -> None:
    # Reliability notes B7; the pull-request workflow also runs pip-audit with the network.
    pins = dict(
        line.split("==")
        for line in (REPO / "requirements/site.txt").read_text("utf-8").splitlines()
        if "==" in line
    )
    version = tuple(int(part) for part in pins[package].split(".")[:3])
    assert version >= tuple(int(part) for part in minimum.split("."))


def test_code_and_content_licences_are_stated_where_contributors_look() -> None:
    assert (REPO / "LICENSE").read_text("utf-8").startswith("MIT License\n")
    content = (REPO / "LICENSE-CONTENT.md").read_text("utf-8")
    assert "Creative Commons Attribution 4.0 International" in content
    footer = yaml.safe_load((REPO / "mkdocs.yml").read_text("utf-8"))["copyright"]
    assert "https://creativecommons.org/licenses/by/4.0/" in footer and "MIT" in footer
    for guide in ("CONTRIBUTING.md", ".github/pull_request_template.md"):
        text = (REPO / guide).read_text("utf-8")
        assert "CC BY 4.0" in text and "MIT" in text, guide
    assert (REPO / "SECURITY.md").is_file() and (REPO / ".github/CODEOWNERS").is_file()


FORMS = sorted((REPO / ".github/ISSUE_TEMPLATE").glob("*.yml"))


@pytest.mark.parametrize("form", FORMS, ids=[form.name for form in FORMS])
def test_issue_forms_are_valid_forms(form: Path) -> None:
    data = yaml.safe_load(form.read_text("utf-8"))
    if form.name == "config.yml":
        assert all(link["url"].startswith("https://") for link in data["contact_links"])
        return
    assert {"name", "description", "body"} <= set(data)
    ids = [item["id"] for item in data["body"] if "id" in item]
    assert len(ids) == len(set(ids))  # GitHub refuses a form with repeated ids
    for item in data["body"]:
        assert item["type"] in {"markdown", "input", "textarea", "dropdown", "checkboxes"}
        assert item["attributes"].get("label") or item["type"] == "markdown"


def test_the_issue_forms_people_without_git_need_exist() -> None:
    names = {yaml.safe_load(form.read_text("utf-8")).get("name") for form in FORMS}
    assert {"Suggest a correction", "Propose a chip"} <= names


def test_mkdocs_config_names_each_key_once() -> None:
    # YAML keeps the last of two equal keys without a word: two `extra_javascript:` lists
    # (one added by each of two branches) silently dropped the glossary's script.
    import yaml

    def no_duplicates(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[object, object]:
        keys = [loader.construct_object(key) for key, _ in node.value]
        repeated = sorted({str(key) for key in keys if keys.count(key) > 1})
        assert not repeated, f"mkdocs.yml:{node.start_mark.line + 1}: {repeated} more than once"
        return loader.construct_mapping(node)

    class Strict(yaml.SafeLoader):
        pass

    Strict.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, no_duplicates)
    text = (REPO / "mkdocs.yml").read_text("utf-8")
    # mkdocs.yml may use !ENV and the like; ours uses only plain YAML and python names.
    yaml.load(text, Strict)
