"""The search index split into the parts a query reads (build_hooks/site/search_shards.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from build_hooks.site.search_shards import LIMIT, SearchFiles, shard_key, split_index

SEPARATOR = r'[\s\u200b\-_,:!=\[\]()"`/]+|\.(?!\d)|&[lg]t;|(?!\b)(?=[A-Z][a-z])'
INDEX = {
    "config": {"lang": ["en", "zh"], "separator": SEPARATOR, "fields": {"title": {"boost": 1000}}},
    "docs": [
        {"location": "", "title": "Home", "text": "<p>Chips and the <code>NVLink</code></p>"},
        {
            "location": "companies/huawei/",
            "title": "Huawei",
            "text": "华为\u200b技术",
            "names": ["华为"],
        },
        {
            "location": "companies/huawei/#key-facts",
            "title": "Key facts",
            "text": "Makes Ascend chips",
        },
        {"location": "chips/h200/", "title": "H200", "text": "Sold by Nvidia to 华为"},
    ],
}


def parts(index: dict[str, object] = INDEX) -> dict[str, object]:
    return {path: json.loads(content) for path, content in split_index(index).items()}


def test_the_first_download_holds_settings_and_no_documents() -> None:
    manifest = parts()["search/search_index.json"]
    assert manifest == {
        "config": {
            **INDEX["config"],
            "shards": {
                "pages": 3,
                "limit": LIMIT,
                "keys": sorted(
                    path.removeprefix("search/terms/").removesuffix(".json")
                    for path in parts()
                    if path.startswith("search/terms/")
                ),
            },
        },
        "docs": [],
    }


def test_each_page_keeps_its_documents_sections_included_in_order() -> None:
    split = parts()
    assert split["search/pages/0.json"] == [INDEX["docs"][0]]
    assert split["search/pages/1.json"] == INDEX["docs"][1:3]
    assert split["search/pages/2.json"] == [INDEX["docs"][3]]
    assert "search/pages/3.json" not in split


def test_words_list_their_pages_with_where_they_stand() -> None:
    split = parts()

    def pages(word: str) -> list[list[int]]:
        return split[f"search/terms/{shard_key(word)}.json"][word]

    assert pages("chips") == [[0, 1], [1, 1]]  # in text only
    assert pages("huawei") == [[1, 2]]  # a title
    assert pages("华为") == [[1, 2], [2, 1]]  # a name on Huawei's page, text on the H200's
    assert pages("技术") == [[1, 1]]  # segmented words are words
    assert pages("nvlink") == [[0, 1]] and pages("link") == [[0, 1]]  # whole, and split
    assert pages("ascend") == [[1, 1]]  # a section counts for its page
    # Markup is not words; every list is in the file named by its word's start.
    assert not [key for key in split if key.endswith(f"/{shard_key('code')}.json")]
    for path, words in split.items():
        if path.startswith("search/terms/"):
            assert {f"search/terms/{shard_key(word)}.json" for word in words} == {path}


def test_file_names_are_the_starts_in_hex() -> None:
    assert shard_key("nvidia") == shard_key("nv") == "6e76"
    assert shard_key("h") == "68"
    assert shard_key("华为技术") == shard_key("华") == "e58d8e"  # one Chinese character
    assert re.fullmatch(r"[0-9a-f]+", shard_key("é'../x"))


def test_the_same_index_gives_the_same_bytes() -> None:
    shuffled = {**INDEX, "config": dict(reversed(list(INDEX["config"].items())))}
    assert split_index(INDEX) == split_index(shuffled)


def test_files_are_written_and_after_an_edit_only_the_changed_ones(tmp_path: Path) -> None:
    stale = tmp_path / "search/terms/ffff.json"
    stale.parent.mkdir(parents=True)
    stale.write_text("{}")
    files = SearchFiles()
    first = split_index(INDEX)
    files.write(tmp_path, first)
    assert not stale.exists()  # an earlier build's part the site no longer has
    assert {path.relative_to(tmp_path).as_posix() for path in tmp_path.rglob("*.json")} == set(
        first
    )
    times = {path: (tmp_path / path).stat().st_mtime_ns for path in first}
    edited = {**INDEX, "docs": INDEX["docs"][:3]}  # the H200 page is gone
    second = split_index(edited)
    files.write(tmp_path, second)
    assert not (tmp_path / "search/pages/2.json").exists()
    assert json.loads((tmp_path / "search/search_index.json").read_text())["docs"] == []
    assert (tmp_path / "search/pages/1.json").stat().st_mtime_ns == times["search/pages/1.json"]
    assert {path.relative_to(tmp_path).as_posix() for path in tmp_path.rglob("*.json")} == set(
        second
    )


def test_a_new_folder_gets_every_file(tmp_path: Path) -> None:
    # The same process may write the same index into another folder (the preview's
    # comparison with a whole build): nothing there was written before.
    files = SearchFiles()
    files.write(tmp_path / "one", split_index(INDEX))
    files.write(tmp_path / "two", split_index(INDEX))
    assert {
        path.relative_to(tmp_path / "two").as_posix() for path in (tmp_path / "two").rglob("*.json")
    } == set(split_index(INDEX))
