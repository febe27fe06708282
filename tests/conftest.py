"""Shared fixtures: the real sources the tests compare our data with.

* WordNet 3.0 through NLTK (Debian's wordnet-base, or $IMAGENET_WORDNET_DIR).
* The timm and torchvision wheels that scripts/build_data.py reads
  (``python scripts/build_data.py --download-only`` puts them in build/wheels).

Locally a missing source skips the tests that need it, with the reason; under CI
(``CI`` set) it fails them, so CI can never pass without checking real data.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
WHEELS = ROOT / "build" / "wheels"

#: Full strength: under CI (``CI`` set) or when asked (``IMAGENET_FULL=1``). A developer's
#: plain ``pytest`` runs the property tests with a tenth of their examples; ``pytest -m
#: "not slow"`` also leaves out the slow tests (see ``slow`` in pyproject.toml).
FULL = bool(os.environ.get("CI") or os.environ.get("IMAGENET_FULL"))

# Hypothesis profiles: "ci" (full counts) and "dev" (quick); HYPOTHESIS_PROFILE overrides.
settings.register_profile("ci", max_examples=100, derandomize=True, deadline=None, database=None)
settings.register_profile("dev", max_examples=10, derandomize=True, deadline=None, database=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if FULL else "dev"))


def examples(full: int) -> int:
    """Examples for a property test: ``full`` at full strength, else a tenth (at least 10)."""
    if FULL or settings.default.max_examples >= 100:
        return full
    return max(10, full // 10)


def _missing(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (required under CI)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def wn() -> Any:
    """NLTK's WordNetCorpusReader over WordNet 3.0."""
    from imagenet_cli._errors import DataMissingError
    from imagenet_cli.corpus.reader import open_wordnet

    try:
        return open_wordnet()
    except DataMissingError as error:
        _missing(f"WordNet 3.0 not installed: {error}")


def _wheel(package: str) -> zipfile.ZipFile:
    found = sorted(WHEELS.glob(f"{package}-*.whl"))
    if not found:
        _missing(f"no {package} wheel in {WHEELS}: run scripts/build_data.py --download-only")
    return zipfile.ZipFile(found[0])


@pytest.fixture(scope="session")
def timm_wheel() -> Iterator[zipfile.ZipFile]:
    """The timm wheel whose timm/data/_info/ lists the ImageNet synsets."""
    with _wheel("timm") as wheel:
        yield wheel


@pytest.fixture(scope="session")
def torchvision_wheel() -> Iterator[zipfile.ZipFile]:
    """The torchvision wheel whose torchvision/models/*.py hold the weights metadata."""
    with _wheel("torchvision") as wheel:
        yield wheel


@pytest.fixture(scope="session")
def open_clip_wheel() -> Iterator[zipfile.ZipFile]:
    """The open_clip_torch wheel whose open_clip/zero_shot_metadata.py names CLIP's classes."""
    with _wheel("open_clip_torch") as wheel:
        yield wheel


@pytest.fixture(scope="session")
def tfds_wheel() -> Iterator[zipfile.ZipFile]:
    """The tensorflow-datasets wheel, whose imagenet2012/validation_labels.txt lists the
    50,000 validation labels."""
    with _wheel("tensorflow_datasets") as wheel:
        yield wheel


def timm_list(wheel: zipfile.ZipFile, name: str) -> list[str]:
    """Non-empty lines of ``timm/data/_info/<name>``."""
    text = wheel.read(f"timm/data/_info/{name}").decode("utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


def _cache_typer_command() -> None:
    """Build the Click command of the ``imagenet`` app once for all CliRunner calls.

    ``typer.testing.CliRunner.invoke`` rebuilds it from the app's functions on every
    call (about 20 ms); the generated-input tests make tens of thousands of calls.
    """
    import typer.testing

    build = getattr(typer.testing, "_get_command", None)
    if build is None:  # another Typer version: keep its behaviour
        return
    built: dict[int, Any] = {}

    def cached(app: Any) -> Any:
        if id(app) not in built:
            built[id(app)] = build(app)
        return built[id(app)]

    typer.testing._get_command = cached


_cache_typer_command()
