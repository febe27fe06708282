"""Every source in data/ is one a reader can open: no look-up tool's identifiers."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: What a search tool's citation looks like: its numeric file ids, its names, its results.
TOOL_CITATION = re.compile(
    r"file id \d|\bids? \d{8,}|search-index|search index|find_string|read_file"
    r"|search results|code search|seen in search|could not be traced|pages corpus"
    r"|repository not named|repo not named|not named by index",
    re.IGNORECASE,
)

#: A citation a reader can follow: an arXiv id, a DOI, a URL, a commit, the wheel.
OPENABLE = re.compile(
    r"arXiv[: ]?\d{4}\.\d{4,5}|\b\d{4}\.\d{4,5}\b|\bDOI\b|10\.\d{4,}/|https?://"
    r"|commit [0-9a-f]{7,40}|torchvision[ /]|\bTable \d|\bSection \d",
    re.IGNORECASE,
)

TEXT_FILES = sorted(
    [*ROOT.glob("data/**/*.json"), ROOT / "data" / "SOURCES.md", *ROOT.glob("imagenet_cli/**/*.py")]
)


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{path}[{index}]")
    elif isinstance(value, str):
        yield path, value


@pytest.mark.parametrize("path", TEXT_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_lookup_tool_identifiers(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    found = [m.group(0) for m in TOOL_CITATION.finditer(text)]
    assert not found, f"{path.relative_to(ROOT)} cites a look-up tool: {found}"


def test_the_pattern_catches_the_old_citations() -> None:
    old = [
        "devkit readme.txt (stored copy; repository not named by index; file id 1304999732)",
        "read in a stored text copy (find_string id 61750605893)",
        "a CVPR entry seen in search results could not be traced to a named repository",
        "a PDF extraction (id 44528383372)",
    ]
    assert all(TOOL_CITATION.search(text) for text in old)
    assert not TOOL_CITATION.search("arXiv:1512.03385, Table 4; torchvision 0.29.1 resnet.py")


@pytest.mark.parametrize(
    "path", sorted(ROOT.glob("data/architectures/*.json")), ids=lambda p: p.name
)
def test_architecture_sources_can_be_opened(path: Path) -> None:
    """Every entry of a family's ``sources`` names an arXiv id, DOI, URL, commit or table."""
    data = json.loads(path.read_text(encoding="utf-8"))
    quotes = {k for k in data["sources"] if k.endswith("_quote") or k == "flops_definition"}
    unopenable = [
        key
        for key, text in _strings(data["sources"], "sources")
        if key.split(".")[1] not in quotes and not OPENABLE.search(text)
    ]
    assert not unopenable, f"{path.name}: {unopenable}"
