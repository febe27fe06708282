"""Rough edges of the command line (issue 14): each one a user hit, each with its test."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.test_cli import run


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (("classes", "--under", "dog.n.01", "show", "5"), "--under"),
        (("classes", "--json", "duplicates"), "--json"),
        (("classes", "-s", "imagenette", "show", "0"), "--subset"),
        (("subsets", "--json", "show", "imagenette"), "--json"),
    ],
)
def test_group_option_before_subcommand_is_a_usage_error(
    args: tuple[str, ...], option: str
) -> None:
    code, out, err = run(*args)
    assert (code, out) == (2, "")
    assert f"{option} is an option of 'imagenet {args[0]}' itself" in err


def test_group_options_still_apply_without_subcommand() -> None:
    code, out, _ = run("subsets", "--json")
    assert code == 0 and out.startswith("[")


@pytest.mark.parametrize("option", ["--csv", "--jsn", "-x", "--format=json"])
def test_classes_show_unknown_option_is_a_usage_error(option: str) -> None:
    code, out, err = run("classes", "show", option, "5")
    assert (code, out) == (2, "")
    assert f"No such option: {option.split('=')[0]}" in err


def test_classes_show_negative_number_is_still_a_value() -> None:
    code, _, err = run("classes", "show", "-3")
    assert code == 1
    assert err.startswith("Error: index -3 is out of range")


@pytest.mark.parametrize("columns", ["0", "-5", "abc", ""])
def test_bad_columns_fall_back_to_80(columns: str) -> None:
    from typer.testing import CliRunner

    from imagenet_cli.cli.main import app

    def show(width: str) -> str:
        result = CliRunner().invoke(app, ["synsets", "show", "dog.n.01"], env={"COLUMNS": width})
        assert result.exit_code == 0
        return result.stdout

    at_80 = show("80")
    assert max(len(line) for line in at_80.splitlines()) <= 80
    assert show(columns) == at_80


@pytest.mark.parametrize("text", ["02084071", "02084071-n", "02084071n", "wn:02084071n"])
def test_search_reads_offsets_as_show_does(text: str, wn: Any) -> None:
    expected = wn.synset_from_pos_and_offset("n", 2084071).name()
    code, out, _ = run("synsets", "search", text, "--json")
    assert code == 0
    assert json.loads(out)[0]["name"] == expected
    code, out, _ = run("synsets", "show", text, "--json")
    assert (code, json.loads(out)["name"]) == (0, expected)


@pytest.mark.parametrize("key", ["dog%1:05:00::", "golden_retriever%1:05:00::"])
def test_search_reads_sense_keys_as_show_does(key: str, wn: Any) -> None:
    expected = wn.lemma_from_key(key).synset().name()
    code, out, _ = run("synsets", "search", key, "--json")
    assert code == 0
    assert json.loads(out)[0]["name"] == expected


@pytest.mark.parametrize("text", ["n9999999", "n0000001", "123456"])
def test_no_hint_names_a_wnid_that_show_cannot_show(text: str) -> None:
    padded = f"n{int(text.lstrip('n')):08d}"
    assert run("synsets", "show", padded)[0] == 1  # not in ImageNet's index
    code, _, err = run("synsets", "show", text)
    assert code == 1
    assert padded not in err


def test_hint_names_the_padded_wnid_when_it_exists(wn: Any) -> None:
    assert wn.synset_from_pos_and_offset("n", 2084071).name() == "dog.n.01"
    code, _, err = run("synsets", "show", "n2084071")
    assert code == 1
    assert err.endswith("did you mean n02084071?\n")


def test_tree_depth_past_sqlite_integers_is_the_whole_tree() -> None:
    huge = str(10**20)
    code, out, err = run("synsets", "tree", "dog.n.01", "--depth", huge, "-m", huge, "--json")
    assert (code, err) == (0, "")
    assert out == run("synsets", "tree", "dog.n.01", "--depth", "40", "-m", "0", "--json")[1]


def test_search_query_longer_than_sqlite_like_patterns() -> None:
    code, out, err = run("synsets", "search", "a" * 50_000)
    assert (code, out) == (1, "")
    assert err == "Error: no synset matches '" + "a" * 80 + "...' (50,000 characters)\n"


def test_whole_gloss_as_query_still_matches(wn: Any) -> None:
    # a long query within the longest text is still searched
    code, out, _ = run("synsets", "search", "dog", "--json", "--limit", "1")
    gloss = json.loads(out)[0]["gloss"]
    assert gloss == wn.synset("dog.n.01").definition()
    code, out, _ = run("synsets", "search", gloss, "--json")
    assert code == 0
    assert "dog.n.01" in [hit["name"] for hit in json.loads(out)]


@pytest.mark.parametrize("args", [["--help"], ["synsets", "search", "-h"], ["classes", "--help"]])
def test_help_into_a_closed_pipe_exits_0(args: list[str]) -> None:
    """``imagenet --help | head -1``: closing a pipe early is not an error."""
    import os
    import subprocess
    import sys

    from tests.test_cli import ENV

    proc = subprocess.Popen(
        [sys.executable, "-m", "imagenet_cli", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, **ENV},
    )  # fmt: skip
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert (proc.wait(timeout=60), err) == (0, "")


@pytest.mark.parametrize(
    "args",
    [
        ["synsets", "search", " "],
        ["synsets", "search", "", "--all-wordnet"],
        ["synsets", "show", ""],
        ["synsets", "path", " "],
        ["synsets", "tree", ""],
        ["synsets", "lca", "", "dog.n.01"],
        ["classes", "show", ""],
        ["classes", "--under", ""],
        ["subsets", "show", " "],
    ],
)
def test_empty_query_or_id_is_a_usage_error(args: list[str]) -> None:
    code, out, err = run(*args)
    assert (code, out) == (2, "")
    assert err.startswith("Error: the ") and err.endswith(" is empty\n")


@pytest.mark.parametrize("name", ["hope.n.01", "pleasure.n.01"])
def test_path_reads_nouns_outside_imagenet_as_show_does(name: str, wn: Any) -> None:
    expected = [[f"n{s.offset():08d}" for s in path] for path in wn.synset(name).hypernym_paths()]
    assert run("synsets", "show", name, "--json")[0] == 0
    code, out, err = run("synsets", "path", name, "--json")
    assert (code, err) == (0, "")
    assert json.loads(out) == expected
    code, out, _ = run("synsets", "path", name)
    assert code == 0 and out.rstrip().endswith(name)


@pytest.mark.parametrize(
    ("args", "command"),
    [(["tree", "hope.n.01"], "tree"), (["lca", "dog.n.01", "hope.n.01"], "lca")],
)
def test_tree_and_lca_say_why_a_wordnet_noun_is_refused(
    args: list[str], command: str, wn: Any
) -> None:
    assert wn.synset("hope.n.01").name() == "hope.n.01"
    code, out, err = run("synsets", *args)
    assert (code, out) == (1, "")
    assert f"not in ImageNet's index, and synsets {command} works on the index only" in err


def test_path_outside_imagenet_without_a_corpus(tmp_path: Any, monkeypatch: Any) -> None:
    monkeypatch.setenv("IMAGENET_WORDNET_DIR", str(tmp_path))
    code, out, err = run("synsets", "path", "hope.n.01")
    assert (code, out) == (1, "")
    assert err.startswith("Error: 'hope.n.01' is a WordNet 3.0 noun but not in ImageNet's index")
    assert err.count("\n") == 1


def test_one_class_is_not_1_classes() -> None:
    from typer.testing import CliRunner

    from imagenet_cli.cli.main import app
    from tests.test_cli import ENV

    for given, title in (("5\n", "1 class"), ("5\n6\n", "2 classes")):
        done = CliRunner().invoke(app, ["classes", "show", "-"], input=given, env=ENV)
        assert (done.exit_code, done.stdout.splitlines()[0]) == (0, title)


def test_one_difference_is_not_1_differences() -> None:
    from rich.console import Console

    from imagenet_cli.corpus.fullwordnet import Mismatch, VerifyReport
    from imagenet_cli.render.wordnet import verify_view

    one = Mismatch("n02084071", "gloss", "a", "b")
    console = Console(width=200, record=True, file=None, color_system=None)
    for found, title in (((one,), "1 difference;"), ((one, one), "2 differences;")):
        with console.capture() as seen:
            console.print(verify_view(VerifyReport("corpus", 1, 1, 1, found)))
        assert seen.get().lstrip().startswith(title)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("dog.x.01", "dog.x.01 is not a noun"),
        ("run.v.01", "run.v.01 is a verb"),
        ("good.a.01", "good.a.01 is an adjective"),
        ("02084071-x", "02084071-x is not a noun"),
    ],
)
def test_not_a_noun_reads_right(text: str, says: str) -> None:
    for command in ("show", "search"):
        code, _, err = run("synsets", command, text)
        assert code == 1
        assert err.endswith(f"ImageNet synsets are nouns; {says}\n")
        assert "a not a" not in err


def _rendered(table: Any, width: int) -> str:
    from rich.console import Console

    console = Console(width=width, color_system=None, record=True)
    with console.capture() as seen:
        console.print(table)
    return seen.get()


@pytest.mark.parametrize("width", [60, 62, 80])
def test_word_table_breaks_between_words(width: int) -> None:
    from rich.table import Table

    from imagenet_cli.render.tables import WordTable

    rows = [
        ("2012", "1", "SuperVision", "CNN ensemble (5 nets + 2 pre-trained on Fall 2011)",
         "ILSVRC 2012 results page"),
        ("2014", "hon. mention", "GoogLeNet", "Inception, no outside data",
         "EFF AI-metrics dataset"),
    ]  # fmt: skip
    words = {w for row in rows for cell in row for w in cell.split()}

    def whole(kind: type) -> bool:
        table = kind()
        for header in ("year", "rank", "team", "method", "source"):
            table.add_column(header, overflow="fold")
        for row in rows:
            table.add_row(*row)
        text = _rendered(table, width)
        assert max(len(line) for line in text.splitlines()) <= width
        cells = {w for line in text.splitlines() for part in line.split("│") for w in part.split()}
        return words <= cells

    assert whole(WordTable)
    if width < 64:
        assert not whole(Table)  # Rich alone breaks a word here: the test can fail


def test_timeline_at_80_columns_keeps_team_names_whole() -> None:
    assert run("timeline", "--json")[0] == 0
    out = run("timeline", "--json")[1]
    teams = {e["team"] for e in json.loads(out) if e.get("team") and len(e["team"]) <= 12}
    from typer.testing import CliRunner

    from imagenet_cli.cli.main import app

    done = CliRunner().invoke(app, ["timeline"], env={"COLUMNS": "80", "NO_COLOR": "1"})
    assert done.exit_code == 0
    assert max(len(line) for line in done.stdout.splitlines()) <= 80
    cells = {part.strip() for line in done.stdout.splitlines() for part in line.split("│")}
    assert "SuperVision" in teams
    assert teams <= cells


def test_classes_listing_fits_a_narrow_terminal(wn: Any, capsys: Any) -> None:
    from imagenet_cli import classes
    from imagenet_cli.render.classes import print_classes

    print_classes(classes(), "ILSVRC-2012 classes", width=80)
    lines = capsys.readouterr().out.splitlines()
    assert max(len(line) for line in lines) <= 80
    left = lines[1].index("WordNet lemmas")
    lemmas: dict[int, list[str]] = {}
    for line in lines[3:]:
        head = line[:5].strip()
        if head.isdigit():
            index = int(head)
            lemmas[index] = [line[left:]]
        elif line.startswith(" " * left) and lemmas:
            lemmas[index].append(line.strip())
    assert len(lemmas) == 1000
    for c in classes():
        nltk = wn.synset_from_pos_and_offset("n", int(c.wnid[1:])).lemma_names()
        assert " ".join(lemmas[c.index]) == ", ".join(n.replace("_", " ") for n in nltk)


def test_classes_listing_in_a_pipe_keeps_whole_rows() -> None:
    code, out, _ = run("classes")
    assert code == 0
    assert "simple name" in out.splitlines()[1]
