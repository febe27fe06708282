"""The WordNet corpus commands against real files and a real HTTP server on localhost.

Archives are built in the tests from the WordNet 3.0 database files (Debian's
wordnet-base) and served by pytest-httpserver; ``requests`` is never mocked. After every
failed install the tests check that nothing was left behind and that a previous corpus
is untouched.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from imagenet_cli.corpus.finder import (
    build_nltk_corpus,
    index_sense_text,
    inspect_corpus,
    nltk_data_path,
)
from imagenet_cli.corpus.reader import find_wordnet_dir
from tests.test_cli import run

#: Fault injection runs real processes and corpora: CI runs it, the quick loop does not.
pytestmark = pytest.mark.slow

MARKER = "previous-corpus-marker"


@pytest.fixture(scope="session")
def source(wn: Any) -> Path:
    """The WordNet 3.0 database folder the reader uses (Debian's /usr/share/wordnet)."""
    return find_wordnet_dir()


@pytest.fixture(scope="session")
def package(source: Path, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A real NLTK-style wordnet.zip (one ``wordnet/`` folder) built from the database."""
    folder = build_nltk_corpus(source, tmp_path_factory.mktemp("pkg") / "wordnet")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zipped:
        zipped.writestr("wordnet/", "")
        for path in sorted(folder.iterdir()):
            zipped.write(path, f"wordnet/{path.name}")
    return buffer.getvalue()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def previous(source: Path, tmp_path: Path) -> Path:
    """An NLTK data folder already holding a corpus, marked so we can tell it is intact."""
    root = tmp_path / "nltk_data"
    code, _, err = run("wordnet", "import", str(source), "--dir", str(root))
    assert code == 0, err
    (root / "corpora" / "wordnet" / MARKER).write_text("old")
    return root


def assert_untouched(root: Path) -> None:
    corpora = root / "corpora"
    assert sorted(p.name for p in corpora.iterdir()) == ["wordnet"]  # no staging left over
    assert (corpora / "wordnet" / MARKER).read_text() == "old"
    assert inspect_corpus(corpora / "wordnet", "nltk_data").usable


def install(url: str, root: Path, *extra: str) -> tuple[int, str, str]:
    return run("wordnet", "install", "--url", url, "--dir", str(root), "--force", *extra)


# --- the search path and the version check ----------------------------------------------


def test_search_path_equals_nltk_data_path(tmp_path: Path) -> None:
    env = {**os.environ, "NLTK_DATA": f"{tmp_path}/a{os.pathsep}~/b", "HOME": str(tmp_path)}
    code = "import json, nltk; print(json.dumps(nltk.data.path))"
    theirs = json.loads(subprocess.check_output([sys.executable, "-c", code], env=env))
    ours = [str(p) for p in nltk_data_path(env)]
    assert ours == theirs
    assert ours[:3] == [f"{tmp_path}/a", f"{tmp_path}/b", f"{tmp_path}/nltk_data"]


def test_status_names_the_corpus_in_use(source: Path) -> None:
    code, out, _ = run("wordnet", "status", "--json")
    assert code == 0
    status = json.loads(out)
    assert status["in_use"]["version"] == "3.0"
    assert status["in_use"]["wordnet30_offsets"] is True
    assert status["features"]["data_verify"] is True
    searched = [entry["path"] for entry in status["searched"]]
    assert str(source) in searched


@pytest.fixture
def wordnet31_header(source: Path, tmp_path: Path) -> Path:
    """The 3.0 files with data.adj's licence header saying 3.1 (as WordNet 3.1's does)."""
    fake = tmp_path / "wn31"
    shutil.copytree(source, fake)
    adj = fake / "data.adj"
    text = adj.read_text(encoding="utf-8")
    adj.write_text(text.replace("WordNet 3.0 Copyright", "WordNet 3.1 Copyright", 1))
    return fake


def test_a_non_30_corpus_is_reported_and_never_used(
    wordnet31_header: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(os.environ, "IMAGENET_WORDNET_DIR", str(wordnet31_header))
    code, out, _ = run("wordnet", "status", "--json")
    status = json.loads(out)
    assert code == 0 and status["in_use"] is None
    assert status["searched"][0]["version"] == "3.1"
    assert "3.1, not 3.0" in status["searched"][0]["problem"]
    code, _, err = run("synsets", "search", "--all-wordnet", "hope")
    assert code == 1 and "not a WordNet 3.0 corpus" in err and len(err.splitlines()) == 1


def test_dog_offset_check_catches_shifted_offsets(source: Path, tmp_path: Path) -> None:
    shifted = tmp_path / "shifted"
    shutil.copytree(source, shifted)
    noun = shifted / "data.noun"
    noun.write_bytes(b"  extra header line shifts every offset\n" + noun.read_bytes())
    found = inspect_corpus(shifted, "system")
    assert found.version == "3.0" and not found.wordnet30_offsets and not found.usable


# --- import ------------------------------------------------------------------------------


def test_rebuilt_index_sense_is_princetons(source: Path) -> None:
    """wordnet-base lacks index.sense; the rebuilt one equals Princeton's byte for byte."""
    princeton = source / "index.sense"
    if not princeton.is_file():
        if os.environ.get("CI"):
            pytest.fail("index.sense missing: install Debian's wordnet-sense-index")
        pytest.skip("Princeton's index.sense is not installed (wordnet-sense-index)")
    assert index_sense_text(source) == princeton.read_text(encoding="utf-8")


@pytest.mark.slow
def test_import_makes_plain_nltk_work(source: Path, tmp_path: Path) -> None:
    bare = tmp_path / "bare"  # Princeton's files without lexnames and index.sense
    bare.mkdir()
    for path in source.iterdir():
        if path.is_file() and path.name not in {"index.sense", "lexnames"}:
            os.symlink(path, bare / path.name)
    root = tmp_path / "nltk_data"
    code, out, err = run("wordnet", "import", str(bare), "--dir", str(root))
    assert code == 0, err
    assert "NLTK_DATA=" in out  # tmp is not on NLTK's path, and the note says so
    script = (
        "from nltk.corpus import wordnet as wn\n"
        "dog = wn.synset('dog.n.01')\n"
        "print(wn.get_version(), dog.offset(), dog.lexname(),\n"
        "      wn.lemma_from_key('dog%1:05:00::').synset().name(),\n"
        "      wn.lemma_from_key('above%5:00:00:preceding:00').synset().name())\n"
    )
    env = {**os.environ, "NLTK_DATA": str(root)}
    printed = subprocess.check_output([sys.executable, "-c", script], env=env, text=True)
    assert printed.split() == ["3.0", "2084071", "noun.animal", "dog.n.01", "above.s.01"]


def test_import_refuses_a_folder_that_is_not_wordnet(tmp_path: Path) -> None:
    root = tmp_path / "out"
    code, _, err = run("wordnet", "import", str(tmp_path), "--dir", str(root))
    assert code == 1 and "is not a WordNet 3.0 database folder" in err
    assert not root.exists()


def test_import_keeps_an_existing_corpus_without_force(previous: Path, source: Path) -> None:
    code, _, err = run("wordnet", "import", str(source), "--dir", str(previous))
    assert code == 1 and "--force" in err
    assert_untouched(previous)


# --- install over HTTP -------------------------------------------------------------------


def test_install_succeeds_and_replaces_the_old_corpus(
    httpserver: HTTPServer, package: bytes, previous: Path
) -> None:
    httpserver.expect_request("/wordnet.zip").respond_with_data(
        package, content_type="application/zip"
    )
    code, out, err = install(
        httpserver.url_for("/wordnet.zip"), previous, "--sha256", sha256(package)
    )
    assert code == 0, err
    assert "installed WordNet 3.0" in out
    corpus = previous / "corpora" / "wordnet"
    assert not (corpus / MARKER).exists()
    assert sorted(p.name for p in (previous / "corpora").iterdir()) == ["wordnet"]
    found = inspect_corpus(corpus, "nltk_data")
    assert found.usable and found.lexnames and found.index_sense


def test_http_404_installs_nothing(httpserver: HTTPServer, previous: Path) -> None:
    httpserver.expect_request("/wordnet.zip").respond_with_data("gone", status=404)
    code, _, err = install(httpserver.url_for("/wordnet.zip"), previous, "--retries", "0")
    assert code == 1 and "HTTP 404" in err and len(err.splitlines()) == 1
    assert_untouched(previous)


def test_http_500_is_retried_then_succeeds(
    httpserver: HTTPServer, package: bytes, previous: Path
) -> None:
    httpserver.expect_ordered_request("/wordnet.zip").respond_with_data("busy", status=500)
    httpserver.expect_ordered_request("/wordnet.zip").respond_with_data("busy", status=503)
    httpserver.expect_ordered_request("/wordnet.zip").respond_with_data(package)
    code, _, err = install(
        httpserver.url_for("/wordnet.zip"), previous, "--sha256", sha256(package)
    )
    assert code == 0, err
    assert len(httpserver.log) == 3
    assert not (previous / "corpora" / "wordnet" / MARKER).exists()


def test_http_500_every_time_gives_up(httpserver: HTTPServer, previous: Path) -> None:
    httpserver.expect_request("/wordnet.zip").respond_with_data("down", status=500)
    code, _, err = install(httpserver.url_for("/wordnet.zip"), previous, "--retries", "1")
    assert code == 1 and "HTTP 500" in err
    assert len(httpserver.log) == 2
    assert_untouched(previous)


def test_a_stalled_server_times_out(httpserver: HTTPServer, package: bytes, previous: Path) -> None:
    def stall(_: Request) -> Response:
        def body() -> Iterator[bytes]:
            yield package[:1000]
            time.sleep(3)
            yield package[1000:]

        return Response(body(), headers={"Content-Length": str(len(package))})

    httpserver.expect_request("/wordnet.zip").respond_with_handler(stall)
    started = time.monotonic()
    code, _, err = install(
        httpserver.url_for("/wordnet.zip"), previous, "--timeout", "0.5", "--retries", "0"
    )
    assert code == 1 and "did not answer within 0.5 s" in err
    assert time.monotonic() - started < 3
    assert_untouched(previous)


def test_wrong_checksum_installs_nothing(
    httpserver: HTTPServer, package: bytes, previous: Path
) -> None:
    httpserver.expect_request("/wordnet.zip").respond_with_data(package)
    code, _, err = install(httpserver.url_for("/wordnet.zip"), previous, "--sha256", "0" * 64)
    assert code == 1 and "SHA-256 mismatch" in err
    assert_untouched(previous)


def test_default_check_is_nltks_published_size_and_md5(
    httpserver: HTTPServer, package: bytes, previous: Path
) -> None:
    httpserver.expect_request("/wordnet.zip").respond_with_data(package)
    code, _, err = install(httpserver.url_for("/wordnet.zip"), previous)
    assert code == 1 and "expected 10,775,600" in err  # NLTK's index.xml: size="10775600"
    assert_untouched(previous)


def test_truncated_body_installs_nothing(
    httpserver: HTTPServer, package: bytes, previous: Path
) -> None:
    def truncated(_: Request) -> Response:
        return Response(iter([package[: len(package) // 2]]),
                        headers={"Content-Length": str(len(package))})  # fmt: skip

    httpserver.expect_request("/wordnet.zip").respond_with_handler(truncated)
    code, _, err = install(
        httpserver.url_for("/wordnet.zip"), previous, "--sha256", sha256(package),
        "--retries", "0", "--timeout", "5",
    )  # fmt: skip
    assert code == 1 and "cut short" in err
    assert_untouched(previous)


def test_oversized_body_is_refused(httpserver: HTTPServer, package: bytes, previous: Path) -> None:
    httpserver.expect_request("/wordnet.zip").respond_with_data(package)
    code, _, err = install(httpserver.url_for("/wordnet.zip"), previous, "--max-size", "1")
    assert code == 1 and "over the 1 MB cap" in err
    assert_untouched(previous)


def test_oversized_body_without_length_is_cut_off(
    httpserver: HTTPServer, package: bytes, previous: Path
) -> None:
    def unsized(_: Request) -> Response:
        return Response(package[i : i + 65536] for i in range(0, len(package), 65536))

    httpserver.expect_request("/wordnet.zip").respond_with_handler(unsized)
    code, _, err = install(httpserver.url_for("/wordnet.zip"), previous, "--max-size", "1")
    assert code == 1 and "passed the 1 MB cap" in err
    assert_untouched(previous)


def _evil_zip(name: str, *, link: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zipped:
        zipped.writestr("wordnet/README", "fine")
        info = zipfile.ZipInfo(name)
        if link:
            info.external_attr = 0o120777 << 16
        zipped.writestr(info, "/etc/passwd" if link else "evil")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("member", "link", "message"),
    [
        ("wordnet/../../evil.txt", False, "a path leaving the folder"),
        ("/tmp/imagenet-evil.txt", False, "an absolute path"),
        ("wordnet/data.noun", True, "a link"),
        ("elsewhere/evil.txt", False, "a file outside wordnet/"),
    ],
)
def test_dangerous_archives_are_refused(
    httpserver: HTTPServer, previous: Path, member: str, link: bool, message: str
) -> None:
    evil = _evil_zip(member, link=link)
    httpserver.expect_request("/wordnet.zip").respond_with_data(evil)
    code, _, err = install(httpserver.url_for("/wordnet.zip"), previous, "--sha256", sha256(evil))
    assert code == 1 and message in err
    assert_untouched(previous)
    assert not (previous.parent / "evil.txt").exists()
    assert not Path("/tmp/imagenet-evil.txt").exists()


def test_an_archive_that_is_not_wordnet_is_refused(httpserver: HTTPServer, previous: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zipped:
        zipped.writestr("wordnet/README", "no database here")
    data = buffer.getvalue()
    httpserver.expect_request("/wordnet.zip").respond_with_data(data)
    code, _, err = install(httpserver.url_for("/wordnet.zip"), previous, "--sha256", sha256(data))
    assert code == 1 and "not usable WordNet 3.0" in err
    assert_untouched(previous)


def test_failed_install_into_an_empty_place_leaves_nothing(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    httpserver.expect_request("/wordnet.zip").respond_with_data("gone", status=404)
    root = tmp_path / "new" / "nltk_data"
    code, _, _ = run(
        "wordnet", "install", "--url", httpserver.url_for("/wordnet.zip"), "--dir", str(root),
        "--retries", "0",
    )  # fmt: skip
    assert code == 1
    assert not (tmp_path / "new").exists()


@pytest.mark.parametrize("url", ["not a url", "ftp://example.invalid/x.zip", "http://"])
def test_bad_urls_get_one_line(url: str, tmp_path: Path) -> None:
    code, _, err = run(
        "wordnet", "install", "--url", url, "--dir", str(tmp_path / "x"), "--retries", "0"
    )
    assert code == 2 and "not an http(s) URL" in err
    assert not (tmp_path / "x").exists()


def test_connection_refused_is_one_line_with_the_offline_way(tmp_path: Path) -> None:
    import socket

    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    root = tmp_path / "x"
    url = f"http://127.0.0.1:{port}/wordnet.zip"
    code, _, err = run("wordnet", "install", "--url", url, "--dir", str(root), "--retries", "0")
    assert code == 1 and len(err.splitlines()) == 1
    assert "connection refused" in err and "imagenet wordnet import" in err
    assert not root.exists()


def test_sigterm_leaves_nothing_behind(
    httpserver: HTTPServer, package: bytes, previous: Path
) -> None:
    def slow(_: Request) -> Response:
        def body() -> Iterator[bytes]:
            yield package[:100_000]
            time.sleep(20)
            yield package[100_000:]

        return Response(body(), headers={"Content-Length": str(len(package))})

    httpserver.expect_request("/wordnet.zip").respond_with_handler(slow)
    command = [
        sys.executable, "-m", "imagenet_cli", "wordnet", "install", "--force", "--dir",
        str(previous), "--url", httpserver.url_for("/wordnet.zip"), "--sha256", sha256(package),
    ]  # fmt: skip
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, cwd=previous)
    corpora = previous / "corpora"
    deadline = time.monotonic() + 30
    while not any(p.name.startswith(".wordnet-staging-") for p in corpora.iterdir()):
        assert time.monotonic() < deadline and process.poll() is None
        time.sleep(0.05)
    time.sleep(0.5)  # the download has started
    process.terminate()
    _, err = process.communicate(timeout=30)
    assert process.returncode == 128 + 15, err
    assert err.strip().splitlines() == [
        "Error: interrupted; nothing was installed and any old corpus is intact"
    ]
    assert_untouched(previous)


def test_a_killed_installs_leftovers_are_removed_later(source: Path, previous: Path) -> None:
    """No install holds the lock on corpora/, so every staging folder is a dead one's; one
    without an old corpus in it (a partial download) is removed, however recent."""
    for name in ("killed", "recent"):
        stale = previous / "corpora" / f".wordnet-staging-{name}"
        stale.mkdir()
        (stale / "wordnet.zip").write_bytes(b"partial")
    code, _, err = run("wordnet", "import", str(source), "--dir", str(previous), "--force")
    assert code == 0, err
    assert sorted(p.name for p in (previous / "corpora").iterdir()) == ["wordnet"]


@pytest.mark.parametrize(
    ("query", "name"),
    [("hope.n.01", "hope.n.01"), ("n07511733", "hope.n.01"), ("07511733", "hope.n.01"),
     ("207", "golden_retriever.n.01"), ("CAFÉ", "cafe.n.01"), ("\uff44\uff4f\uff47", "dog.n.01")],
)  # fmt: skip
def test_search_all_wordnet_reads_identifiers_and_folds(wn: Any, query: str, name: str) -> None:
    code, out, _ = run("synsets", "search", "--all-wordnet", query, "--json", "--limit", "1")
    assert code == 0 and json.loads(out)[0]["name"] == name
    assert wn.synset(name)  # the corpus has it under that name


@pytest.mark.parametrize(
    ("query", "message"),
    [("n2084071", "did you mean n02084071?"), ("run.v.01", "not a noun"),
     ("retreiver", "Did you mean: retriever")],
)  # fmt: skip
def test_search_all_wordnet_no_match_says_why(wn: Any, query: str, message: str) -> None:
    code, _, err = run("synsets", "search", "--all-wordnet", query)
    assert code == 1 and message in err and len(err.splitlines()) == 1


def test_bad_sha256_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run("wordnet", "install", "--sha256", "xyz", "--dir", str(tmp_path))
    assert code == 2 and "64 hexadecimal digits" in err


# --- features that need the corpus -------------------------------------------------------


def test_search_all_wordnet_uses_morphy_and_marks_imagenet(wn: Any) -> None:
    code, out, _ = run("synsets", "search", "--all-wordnet", "geese", "--json")
    hits = json.loads(out)
    assert code == 0
    expected = [s.name() for s in wn.synsets("goose", pos="n")]
    assert [h["name"] for h in hits][: len(expected)] == expected
    goose = hits[0]
    assert goose["wnid"] == "n01855672" and goose["base_form"] == "goose"
    assert goose["ilsvrc2012_index"] == 99  # ILSVRC-2012 class 99 is goose (timm's list)
    assert [h["in_imagenet"] for h in hits[1:3]] == [False, False]


def test_show_reads_a_synset_outside_imagenet(wn: Any) -> None:
    code, out, _ = run("synsets", "show", "hope.n.01", "--json")
    record = json.loads(out)
    theirs = wn.synset("hope.n.01")
    assert code == 0 and record["in_imagenet"] is False
    assert record["wnid"] == f"n{theirs.offset():08d}"
    assert record["gloss"] == theirs.definition()
    assert record["path_names"] == [[s.name() for s in p] for p in theirs.hypernym_paths()]
    assert record["paths"][0][0] == "n00001740"  # entity.n.01, as in ImageNet records
    assert record["hypernyms"] == [f"n{h.offset():08d}" for h in theirs.hypernyms()]


def test_without_a_corpus_the_features_say_how_to_get_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(os.environ, "IMAGENET_WORDNET_DIR", str(tmp_path))
    for args in (
        ["synsets", "search", "--all-wordnet", "hope"],
        ["synsets", "show", "hope.n.01"],
        ["data", "verify"],
    ):
        code, _, err = run(*args)
        assert code == 1 and "unset IMAGENET_WORDNET_DIR" in err, args
        assert len(err.splitlines()) == 1
    assert run("synsets", "show", "dog.n.01")[0] == 0  # the bundled index still works


def test_data_verify_passes_on_wordnet_30() -> None:
    code, out, _ = run("data", "verify", "--json")
    report = json.loads(out)
    assert code == 0 and report["ok"] is True and report["mismatches"] == []
    assert 23_000 < report["synsets"] < 24_000


@pytest.mark.slow
def test_data_verify_catches_a_changed_gloss(
    source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    changed = tmp_path / "changed"
    shutil.copytree(source, changed)
    noun = changed / "data.noun"
    data = noun.read_bytes()
    old = b"a member of the genus Canis"
    assert data.count(old) == 1  # dog.n.01's gloss
    noun.write_bytes(data.replace(old, b"a member of the genus Felis"))  # same length
    monkeypatch.setitem(os.environ, "IMAGENET_WORDNET_DIR", str(changed))
    code, out, _ = run("data", "verify", "--json")
    report = json.loads(out)
    assert code == 1 and report["ok"] is False
    assert [(m["wnid"], m["field"]) for m in report["mismatches"]] == [("n02084071", "gloss")]


def test_status_does_not_import_nltk_or_requests(source: Path) -> None:
    code = (
        "import sys\n"
        "from imagenet_cli.cli.main import app\n"
        "try:\n"
        "    app(['wordnet', 'status'], standalone_mode=False)\n"
        "finally:\n"
        "    print(sorted(m for m in ('nltk', 'requests') if m in sys.modules), file=sys.stderr)\n"
    )
    env = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert done.stderr.strip().splitlines()[-1] == "[]"
    # and the view it printed is the status: the corpus in use, then every folder searched
    lines = done.stdout.splitlines()
    assert lines[0].split() == ["corpus", str(source), *lines[0].split()[2:]]
    folders = lines[lines.index("Folders searched, in order") + 1 : lines.index("Features") - 1]
    assert any(line.endswith(f". {source}") for line in folders)
    assert "← in use" in " ".join(folders)
    # a wrapped note keeps its indent under its folder (4 columns: "NN. ")
    assert all(line[:4].rstrip(". ").strip().isdigit() or line.startswith("    ")
               for line in folders), folders  # fmt: skip
    assert max(len(line) for line in lines) <= 80


def test_a_bad_offset_gives_one_line_not_nltks_warning(wn: Any, tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "imagenet_cli", "synsets", "search", "--all-wordnet", "n40051102"],
        capture_output=True, text=True, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "Error: no WordNet 3.0 noun synset matches 'n40051102'; no noun synset has that offset"
    ]


def test_show_by_lemma_mentions_the_senses_imagenet_lacks(wn: Any) -> None:
    from imagenet_cli.index.synsets import load_synsets

    code, _, err = run("synsets", "show", "hope")
    assert code == 0
    named = [s for s in wn.synsets("hope", pos="n") if s.name().startswith("hope.n.")]
    outside = [s.name() for s in named if not load_synsets([s.offset()])]
    assert outside and all(name in err for name in outside)
    assert "hope.n.04" not in err  # the sense shown, which ImageNet has


@pytest.mark.slow
def test_install_supplies_what_a_zip_of_princetons_files_lacks(
    httpserver: HTTPServer, source: Path, tmp_path: Path
) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zipped:
        for path in sorted(source.iterdir()):
            if path.is_file() and path.name not in {"lexnames", "index.sense"}:
                zipped.write(path, f"wordnet/{path.name}")
    data = buffer.getvalue()
    httpserver.expect_request("/wordnet.zip").respond_with_data(data)
    root = tmp_path / "nltk_data"
    code, _, err = install(httpserver.url_for("/wordnet.zip"), root, "--sha256", sha256(data))
    assert code == 0, err
    corpus = inspect_corpus(root / "corpora" / "wordnet", "nltk_data")
    assert corpus.lexnames and corpus.index_sense
    script = "from nltk.corpus import wordnet as wn; print(wn.synset('dog.n.01').lexname())"
    env = {**os.environ, "NLTK_DATA": str(root)}
    printed = subprocess.check_output([sys.executable, "-c", script], env=env, text=True)
    assert printed.strip() == "noun.animal"
