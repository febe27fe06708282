"""The ``imagenet`` command end to end: output, JSON contracts, errors and exit codes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from imagenet_cli import __version__
from imagenet_cli.cli.main import app
from tests.conftest import timm_list

ENV = {"NO_COLOR": "1", "COLUMNS": "100", "TERM": "dumb"}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env=ENV)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_version() -> None:
    code, out, _ = run("--version")
    assert (code, out.strip()) == (0, f"imagenet {__version__}")


def test_search_dog_table() -> None:
    code, out, err = run("synsets", "search", "dog")
    assert code == 0
    rows = [line for line in out.splitlines() if "│" in line]
    assert "n02084071" in rows[0]
    assert "dog.n.01" in rows[0]
    assert "Showing 20 of" in err


def test_search_json_contract() -> None:
    code, out, _ = run("synsets", "search", "retriever", "--json", "--limit", "0")
    assert code == 0
    hits = json.loads(out)
    assert {"wnid", "name", "lemmas", "gloss", "ilsvrc2012_index"} <= set(hits[0])
    golden = next(h for h in hits if h["wnid"] == "n02099601")
    assert golden["ilsvrc2012_index"] == 207
    assert "golden_retriever" in golden["lemmas"]


def test_search_csv() -> None:
    code, out, _ = run("synsets", "search", "tench", "--csv")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("wnid,name,lemmas,gloss,ilsvrc2012_index")
    assert lines[1].startswith("n01440764,tench.n.01,tench;Tinca_tinca,")


def test_search_without_match() -> None:
    code, out, err = run("synsets", "search", "xqzzyq")
    assert code == 1
    assert out == ""
    assert err == "Error: no synset matches 'xqzzyq'\n"


def test_search_word_outside_imagenet() -> None:
    code, out, err = run("synsets", "search", "frump")
    assert (code, out) == (1, "")
    assert err.count("\n") == 1
    assert "a WordNet 3.0 noun, but none of its synsets is in ImageNet" in err


def test_search_typo_finds_fuzzy_matches() -> None:
    code, out, _ = run("synsets", "search", "retreiver", "--json")
    assert code == 0
    first = json.loads(out)[0]
    assert (first["name"], first["match"]) == ("retriever.n.01", "fuzzy")


def test_markup_is_never_interpreted() -> None:
    code, _out, err = run("synsets", "search", "[red]x[/]")
    assert code == 1
    assert "[red]x[/]" in err


def test_escape_sequences_are_not_echoed() -> None:
    code, _, err = run("synsets", "search", "\x1b[31mzzqx")
    assert code == 1
    assert "\x1b" not in err


def test_usage_errors_exit_2() -> None:
    assert run("frobnicate")[0] == 2
    assert run("synsets", "search", "dog", "--bogus")[0] == 2
    assert run("synsets", "search", "dog", "--limit", "-1")[0] == 2
    assert run("synsets", "search", "dog", "--json", "--csv")[0] == 2
    assert run("synsets", "search", "dog", "--format", "csv", "--json")[0] == 2
    assert run("synsets", "search", "dog", "--format", "xml")[0] == 2
    assert run("timeline", "--year", "2012", "--from", "2010")[0] == 2
    assert run("timeline", "--task", "seg")[0] == 2
    assert run("arch", "--bibtex")[0] == 2
    assert run("arch", "resnet", "--bibtex", "--json")[0] == 2


def test_short_help_and_case_insensitive_choices() -> None:
    assert run("-h")[0] == 0
    assert run("synsets", "search", "dog", "-f", "JSON", "-n", "1")[0] == 0
    assert run("synsets", "search", "dog", "--subset", "ILSVRC2012", "-n", "1")[0] == 0


def test_timeline_localization_and_detection() -> None:
    code, out, _ = run("timeline", "--task", "LOC", "--json", "--no-milestones")
    assert code == 0
    loc = {e["year"]: (e["team"], e["top5_error"]) for e in json.loads(out)}
    assert loc == {2013: ("OverFeat", 29.9), 2014: ("VGG", 25.3), 2015: ("MSRA", 9.0)}
    code, out, _ = run("timeline", "--task", "det", "--json", "--no-milestones")
    det = {(e["year"], e["team"]): e["mean_ap"] for e in json.loads(out)}
    assert det[(2015, "MSRA")] == 62.1
    assert det[(2014, "GoogLeNet")] == 43.9
    code, out, _ = run("timeline", "--task", "det", "--year", "2017", "--no-milestones")
    assert (code, out) == (1, "")
    code, out, err = run("timeline", "--task", "loc", "--year", "2012")
    assert code == 0
    assert err == "No loc results are recorded in 2012; showing the milestones.\n"


def test_empty_query_exit_2() -> None:
    code, out, err = run("synsets", "search", "   ")
    assert (code, out) == (2, "")
    assert err.startswith("Error: the search query is empty")


def test_timeline_table_and_chart() -> None:
    code, out, _ = run("timeline")
    assert code == 0
    assert "SuperVision" in out
    assert "15.315" in out
    assert "16.422" in out
    assert "human estimate 5.1%" in out
    assert "2017" in out


def test_timeline_json_contract() -> None:
    code, out, _ = run("timeline", "--json", "--no-milestones")
    assert code == 0
    entries = json.loads(out)
    keys = {"year", "kind", "task", "rank", "team", "method", "top5_error", "outside_data",
            "architecture", "sources"}  # fmt: skip
    assert all(keys <= set(e) for e in entries)
    assert {e["kind"] for e in entries} == {"result"}
    winners = {(e["year"], e["outside_data"]): e["top5_error"] for e in entries if e["rank"] == 1}
    assert winners[(2015, None)] == 3.57


def test_timeline_years_without_contest() -> None:
    code, out, err = run("timeline", "--year", "2009")
    assert code == 0
    assert "No ILSVRC was held in 2009" in err
    assert "Deng et al." in out
    code, out, err = run("timeline", "--year", "2018")
    assert (code, out) == (1, "")
    assert err == (
        "Error: nothing recorded in 2018: no ILSVRC was held (the contests ran 2010-2017) "
        "and no milestone falls then\n"
    )
    code, out, err = run("timeline", "--year", "2019")
    assert code == 0
    assert "person subtree" in out
    assert run("timeline", "--from", "2015", "--to", "2012")[0] == 2


def test_arch_resnet() -> None:
    code, out, _ = run("arch", "resnet")
    assert code == 0
    for text in ("Deep Residual Learning", "25,557,032", "80.858", "22.85", "Table 3"):
        assert text in out
    for name in ("ResNet-18", "ResNet-34", "ResNet-50", "ResNet-101", "ResNet-152"):
        assert name in out


def test_arch_json_contract() -> None:
    code, out, _ = run("arch", "resnet50", "--json")
    assert code == 0
    data = json.loads(out)
    for key in ("id", "name", "year", "authors", "title", "venue", "arxiv", "key_ideas",
                "bibtex", "variants"):  # fmt: skip
        assert key in data
    (variant,) = data["variants"]
    assert {"id", "name", "params", "macs", "input_size", "top1", "top5", "accuracy_source"} <= set(
        variant
    )
    assert variant["params"] == 25_557_032


def test_arch_list_bibtex_and_unknown() -> None:
    code, out, _ = run("arch")
    assert code == 0
    assert "resnet" in out
    code, out, _ = run("arch", "resnet", "--bibtex")
    assert code == 0
    assert out.startswith("@inproceedings{he2016deep,")
    code, out, err = run("arch", "resnt")
    assert (code, out) == (1, "")
    assert "Did you mean: resnet" in err


def test_arch_layers_computes_torchvision_figures() -> None:
    code, out, _ = run("arch", "resnet50", "--layers", "--json")
    assert code == 0
    cost = json.loads(out)
    assert cost["params"] == 25_557_032  # torchvision's num_params for resnet50
    assert round(cost["macs"] / 1e9, 3) == 4.089  # torchvision's _ops for ResNet50 weights
    assert [s["output_shape"][1] for s in cost["stages"][:5]] == [112, 56, 28, 14, 7]  # Table 1
    code, out, _ = run("arch", "alexnet_paper", "--layers", "--json")
    assert json.loads(out)["params"] == 60_965_224
    code, out, _ = run("arch", "mobilenet_v2", "--layers")
    assert code == 0 and "3,504,872" in out and "Block diagram" in out
    code, out, _ = run("arch", "resnet18", "--layers", "--input-size", "448", "--json")
    assert json.loads(out)["input_shape"] == [3, 448, 448]


def test_arch_layers_errors() -> None:
    code, _, err = run("arch", "resnet", "--layers")
    assert code == 1 and "pick one: resnet18" in err
    code, _, err = run("arch", "yolo_v1", "--layers")
    assert code == 1 and "no layer spec for YOLO (v1)" in err and len(err.splitlines()) == 1
    code, _, err = run("arch", "alexnet", "--layers", "--input-size", "30")
    assert code == 1 and "too small" in err and len(err.splitlines()) == 1
    code, _, err = run("arch", "alexnet", "--input-size", "300")
    assert code == 2 and "--layers" in err


def test_arch_compare() -> None:
    code, out, _ = run("arch", "compare", "resnet50", "ViT-B/16", "mobilenet", "--json")
    assert code == 0
    picked = json.loads(out)
    assert [v["id"] for v in picked] == ["resnet50", "vit_b_16", "mobilenet_v2"]
    assert picked[0]["params"] == 25_557_032 and picked[2]["params"] == 3_504_872
    code, out, _ = run("arch", "compare", "resnet50", "vgg16")
    assert code == 0 and "15.470 G" in out and "Side by side" in out
    code, _, err = run("arch", "compare", "resnet50")
    assert code == 2 and "two or more" in err
    code, out, err = run("arch", "compare", "resnet50", "ResNet-50", "vgg16", "--json")
    assert [v["id"] for v in json.loads(out)] == ["resnet50", "vgg16"] and "shown once" in err
    code, _, err = run("arch", "compare", "resnet50", "resnt51")
    assert code == 1 and "Did you mean" in err
    code, _, err = run("arch", "resnet50", "vgg16")
    assert code == 2 and "imagenet arch compare" in err


def test_arch_ilsvrc_comes_from_the_timeline() -> None:
    code, out, _ = run("arch", "vgg", "--json")
    ilsvrc = {(r["year"], r["task"], r["rank"]) for r in json.loads(out)["ilsvrc"]}
    assert {(2014, "cls", 2), (2014, "loc", 1)} <= ilsvrc  # VGG's own Abstract and Sec. 4.5
    code, out, _ = run("arch", "googlenet")
    assert code == 0 and "43.9% mAP" in out and "None" not in out


def test_vgg_batch_norm_variants_are_torchvisions() -> None:
    code, out, _ = run("arch", "vgg16_bn", "--json")
    assert code == 0 and json.loads(out)["variants"][0]["params"] == 138_365_992
    code, out, _ = run("arch", "vgg16_bn", "--layers", "--json")
    assert json.loads(out)["params"] == 138_365_992  # torchvision's VGG16_BN num_params
    code, _, err = run("arch", "vgg16", "--layers", "--bibtex")
    assert code == 2 and "not both" in err


def test_arch_variant_paper_bibtex_and_detection() -> None:
    code, out, _ = run("arch", "mobilenet_v2", "--bibtex")
    assert code == 0 and "Mobilenetv2: Inverted residuals" in out and out.startswith("@")
    code, out, _ = run("arch", "yolo_v1", "--json")
    variant = json.loads(out)["variants"][0]
    voc = [r for r in variant["detection_results"] if r["dataset"] == "PASCAL VOC 2007 test"]
    assert (voc[0]["value"], voc[0]["fps"]) == (63.4, 45)  # Redmon et al. 2016, Table 1


def _command_paths() -> list[list[str]]:
    from typer.main import get_command

    def walk(command: Any, path: list[str]) -> Iterator[list[str]]:
        yield path
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            yield from walk(sub, [*path, name])

    return list(walk(get_command(app), []))


def _command_at(path: list[str]) -> Any:
    from typer.main import get_command

    command = get_command(app)
    for name in path:
        command = command.commands[name]  # type: ignore[attr-defined]
    return command


@pytest.mark.parametrize("args", _command_paths(), ids=lambda p: " ".join(p) or "imagenet")
def test_every_command_has_its_own_help(args: list[str]) -> None:
    """Each command's help prints its own summary (its docstring or help=), not just Usage."""
    summary = " ".join((_command_at(args).help or "").split("\n\n")[0].split())
    assert len(summary) > 20, f"{args}: no help text"
    code, out, _ = run(*args, "--help")
    assert code == 0
    assert summary in " ".join(out.replace("│", " ").split())
    assert "<bool>" not in out  # flags show no type (was: --help -h <bool>)
    usage = next(line for line in out.splitlines() if "Usage:" in line)
    assert f"imagenet {' '.join(args)}".strip() in usage
    # cli/wordnet.py and the arch rewrite are changed elsewhere; they join this check later
    if args not in (["wordnet", "import"], ["arch"]):
        placeholders = re.findall(r"[{\[]([^\]}]+)[}\]]", usage.split("[OPTIONS]", 1)[-1])
        assert all(p == p.upper() for p in placeholders), usage


def test_installed_command_from_another_folder(tmp_path: Path) -> None:
    """The console script finds its bundled data from any working directory."""
    done = subprocess.run(
        [sys.executable, "-m", "imagenet_cli", "synsets", "search", "tench", "--json"],
        capture_output=True, text=True, cwd=tmp_path, env={**os.environ, **ENV}, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)[0]["wnid"] == "n01440764"


@pytest.mark.parametrize(
    "args",
    [
        ["synsets", "search", "dog", "--csv", "--limit", "0"],
        ["synsets", "search", "dog", "--json", "--limit", "0"],
        ["timeline"],
        ["arch", "resnet"],
        ["synsets", "tree", "entity.n.01", "--depth", "3"],
    ],
)
def test_closed_pipe_exits_0_quietly(args: list[str]) -> None:
    """A reader that stops at once (``| true``): no traceback, no error, exit 0."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "imagenet_cli", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, **ENV},
    )  # fmt: skip
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0
    assert "Showing" in err or err == ""
    assert "Traceback" not in err


def test_ascii_terminal_gets_valid_output(tmp_path: Path) -> None:
    env = {**os.environ, **ENV, "PYTHONIOENCODING": "ascii"}
    for args in (["timeline", "--json"], ["timeline"], ["arch", "resnet"]):
        done = subprocess.run(
            [sys.executable, "-m", "imagenet_cli", *args],
            capture_output=True, env=env, timeout=60, cwd=tmp_path,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert b"Traceback" not in done.stderr
    data = json.loads(
        subprocess.run(
            [sys.executable, "-m", "imagenet_cli", "timeline", "--json"],
            capture_output=True,
            env=env,
            timeout=60,
            cwd=tmp_path,
            check=True,
        ).stdout
    )
    assert {e["year"] for e in data if e["kind"] == "result"} == set(range(2010, 2018))


def test_pipe_into_head_ends_quietly() -> None:
    done = subprocess.run(
        f"{sys.executable} -m imagenet_cli synsets search dog --json --limit 0 | head -c 10",
        shell=True, capture_output=True, text=True, env={**os.environ, **ENV}, timeout=60,
    )  # fmt: skip
    assert done.stdout == '[\n  {\n    "'[:10]
    assert "Traceback" not in done.stderr


def test_machine_output_is_complete_by_default(wn: Any, timm_wheel: Any) -> None:
    code, out, err = run("synsets", "search", "dog", "--json")
    assert (code, err) == (0, "")
    found = [hit["wnid"] for hit in json.loads(out)]
    assert len(found) > 20  # more than a table shows by default
    assert found == [hit["wnid"] for hit in json.loads(run("synsets", "search", "dog", "--json",
                                                           "--limit", "0")[1])]  # fmt: skip
    assert len(set(found)) == len(found)
    word = re.compile(r"(?<!\w)dog(?!\w)", re.IGNORECASE)

    def synset(wnid: str) -> Any:
        return wn.synset_from_pos_and_offset("n", int(wnid[1:]))

    def matches(s: Any) -> bool:
        return any("dog" in n.lower() for n in s.lemma_names()) or bool(word.search(s.definition()))

    assert all(matches(synset(w)) for w in found)  # every hit has dog in a lemma or its gloss
    fall2011 = timm_list(timm_wheel, "imagenet22k_synsets.txt")
    named = {w for w in fall2011 if any("dog" in n.lower() for n in synset(w).lemma_names())}
    assert named <= set(found)  # and no 21k synset with dog in a lemma is missing
    code, out, _ = run("synsets", "search", "dog", "--csv")
    assert len(out.splitlines()) == len(found) + 1


def test_subset_miss_says_where_the_synset_is() -> None:
    code, out, err = run("synsets", "search", "zebra", "--subset", "imagenet-a")
    assert (code, out) == (1, "")
    assert err == (
        "Error: no synset matches 'zebra'; found in ImageNet (zebra.n.01, class 340) "
        "but not in imagenet-a\n"
    )


def test_piped_tables_have_no_trailing_padding(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "imagenet_cli", "synsets", "show", "207"],
        capture_output=True, text=True, env={**os.environ, "COLUMNS": "300"}, cwd=tmp_path,
        timeout=60,
    )  # fmt: skip
    assert done.returncode == 0
    assert all(line == line.rstrip() for line in done.stdout.splitlines())


def test_ascii_output_uses_ascii_stand_ins(tmp_path: Path, wn: Any, timm_wheel: Any) -> None:
    dog = wn.synset("dog.n.01")

    def below(name: str) -> int:
        listed = [
            wn.synset_from_pos_and_offset("n", int(w[1:])) for w in timm_list(timm_wheel, name)
        ]
        return sum(1 for s in listed if s == dog or dog in s.closure(lambda x: x.hypernyms()))

    env = {**os.environ, **ENV, "PYTHONIOENCODING": "ascii"}
    done = subprocess.run(
        [sys.executable, "-m", "imagenet_cli", "synsets", "tree", "domestic_animal.n.01",
         "--depth", "1", "--max-children", "2"],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0
    assert "?" not in done.stdout
    counts = f"[1k: {below('imagenet_synsets.txt')} | 21k: {below('imagenet22k_synsets.txt')}]"
    assert f"{counts}  <-> also under canine.n.02" in done.stdout


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["arch", "resnet50", "--json"], '"id": "resnet50"'),
        (["about", "--json"], '"releases"'),
        (["wordnet", "status", "--json"], '"features"'),
        (["--help"], "wordnet"),
    ],
)
def test_the_console_script_builds_only_the_command_it_runs(
    args: list[str], expected: str, tmp_path: Path
) -> None:
    """run() registers just the named command (faster start); each still works alone."""
    done = subprocess.run(
        [sys.executable, "-m", "imagenet_cli", *args],
        capture_output=True, text=True, cwd=tmp_path, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert expected in done.stdout
