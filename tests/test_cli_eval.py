"""``imagenet eval`` and ``imagenet synsets distance-matrix`` end to end: outputs, the
one-line errors of the issue's bad inputs, exit codes and whole-or-nothing files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from imagenet_cli.cli.main import app
from imagenet_cli.eval.labels import val_labels

ENV = {"NO_COLOR": "1", "COLUMNS": "100", "TERM": "dumb"}


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env=ENV, input=stdin)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def csv_file(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


def one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("Error: ")
    return lines[0]


@pytest.fixture(scope="module")
def perfect(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A full validation file whose guesses are the bundled labels (checked against TFDS
    and the Caffe copy in test_eval_data.py)."""
    path = tmp_path_factory.mktemp("eval") / "perfect.csv"
    rows = "".join(f"ILSVRC2012_val_{i:08d}.JPEG,{t}\n" for i, t in enumerate(val_labels(), 1))
    path.write_text("image,pred\n" + rows, encoding="utf-8")
    return path


def test_eval_json(perfect: Path) -> None:
    code, out, err = run("eval", str(perfect), "--json")
    assert code == 0, err
    result = json.loads(out)
    assert [a["labels"] for a in result["accuracies"]] == ["original", "real"]
    assert result["accuracies"][0]["top1"] == 100.0
    assert result["mistakes"] == 0
    assert result["hierarchical_distance"] == {"@1": 0.0}


def test_eval_csv_and_table(perfect: Path) -> None:
    code, out, _ = run("eval", str(perfect), "--csv", "--labels", "original")
    assert code == 0
    header, row = out.strip().splitlines()
    assert header.startswith("source,labels,n,left_out,top1,top5")
    assert ",original,50000,0,100.0," in row
    code, out, _ = run("eval", str(perfect), "--labels", "original")
    assert code == 0
    assert "100.00%" in out and "No top-1 mistakes." in out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("image,guess\nILSVRC2012_val_00000001.JPEG,1\n", "no 'pred' or 'pred_1' column"),
        ("name,pred\nx,1\n", "no 'image' or 'target' column"),
        ("target,pred\n1,tabby cat\n1,no such thing\n", "line 3: no class matches"),
        ("target,pred\n1,1000\n", "line 2: index 1000 is out of range"),
        ("target,pred\n1,-3\n", "line 2: index -3 is out of range"),
        ("image,pred\n1,0\n2,0\nILSVRC2012_val_00000001.JPEG,0\n",
         "ILSVRC2012_val_00000001.JPEG appears twice, on lines 2 and 4"),
        ("image,pred\nILSVRC2012_val_00050001.JPEG,0\n", "there is no validation image 50001"),
        ("image,pred\n1,0\n2,0\n", "2 rows, but the validation set has 50,000 images: "
         "49,998 missing (ILSVRC2012_val_00000003.JPEG"),
        ("", "is empty"),
        ("image,pred\n", "has a header but no rows"),
        ("image,pred_1,pred_3\n1,0,0\n", "pred_1 .. pred_k without gaps"),
        ("target,pred\n1,\n", "line 2: the first guess is empty"),
    ],
)  # fmt: skip
def test_eval_bad_input_is_one_line(tmp_path: Path, text: str, expected: str) -> None:
    code, out, err = run("eval", csv_file(tmp_path / "p.csv", text))
    assert code == 1
    assert out == ""
    assert expected in one_error_line(err)


def test_eval_missing_file_and_bad_options(tmp_path: Path) -> None:
    code, _, err = run("eval", str(tmp_path / "nope.csv"))
    assert code == 1
    assert "no file" in one_error_line(err)
    path = csv_file(tmp_path / "p.csv", "target,pred\n1,1\n")
    code, _, err = run("eval", path, "--labels", "orignal")
    assert code == 1
    assert "Did you mean: original" in one_error_line(err)
    code, _, _ = run("eval", path, "--scheme", "nonsense")
    assert code == 2
    code, _, _ = run("eval", path, "--subset", "imagenet-z")
    assert code == 2


def test_eval_names_wnids_and_devkit_scheme(tmp_path: Path) -> None:
    # golden retriever as a name, a wnid and its devkit ID in the devkit's class list
    source = Path(__file__).resolve().parent.parent / "scripts/sources/ilsvrc2012_map_clsloc.txt"
    devkit = next(int(n) for w, n, _ in (line.split() for line in source.read_text().splitlines())
                  if w == "n02099601")  # fmt: skip
    path = csv_file(
        tmp_path / "p.csv", f"target,pred\nn02099601,golden retriever\n{devkit},{devkit}\n"
    )
    code, out, err = run("eval", path, "--json", "--scheme", "devkit")
    assert code == 0, err
    assert json.loads(out)["accuracies"][0]["top1"] == 100.0


def test_eval_warns_about_a_numbering_mixup_on_stderr(tmp_path: Path) -> None:
    # one-based numbers read as indices: every guess is off by one class
    rows = "".join(f"{i},{t + 1 if t < 999 else 998}\n" for i, t in enumerate(val_labels(), 1))
    path = csv_file(tmp_path / "p.csv", "image,pred\n" + rows)
    code, out, err = run("eval", path, "--labels", "original", "--json")
    assert code == 0
    json.loads(out)
    assert err.startswith("Warning: top-1 is") and "--scheme one-based" in err


# --- distance-matrix ---------------------------------------------------------------------


def test_distance_matrix_npy_round_trip(tmp_path: Path) -> None:
    np = pytest.importorskip("numpy")
    target = tmp_path / "d.npy"
    code, out, err = run("synsets", "distance-matrix", "--format", "npy", "-o", str(target))
    assert (code, out, err) == (0, "", "")
    matrix = np.load(target, allow_pickle=False)
    assert matrix.shape == (1000, 1000) and matrix.dtype == np.uint8
    assert matrix[207, 208] == 2
    assert (matrix == matrix.T).all() and (np.diag(matrix) == 0).all()
    code, _, _ = run("synsets", "distance-matrix", "--metric", "wup", "--subset", "imagewoof",
                     "--format", "npy", "-o", str(target))  # fmt: skip
    assert code == 0
    wup = np.load(target)
    assert wup.shape == (10, 10) and wup.dtype == np.float64


def test_distance_matrix_csv_json_pairs(tmp_path: Path) -> None:
    code, out, _ = run("synsets", "distance-matrix", "--subset", "imagenette")
    assert code == 0
    lines = out.strip().splitlines()
    assert len(lines) == 11 and lines[0].startswith("wnid,n01440764")
    code, out, _ = run("synsets", "distance-matrix", "--subset", "imagenette", "--format", "json")
    record = json.loads(out)
    assert record["metric"] == "lca-height" and len(record["matrix"]) == 10
    assert record["names"][0] == "tench.n.01"
    code, out, _ = run("synsets", "distance-matrix", "--subset", "imagenette", "-f", "pairs")
    assert len(out.strip().splitlines()) == 1 + 45


def test_distance_matrix_wnids_from_stdin_and_devkit_order(tmp_path: Path) -> None:
    code, out, err = run("synsets", "distance-matrix", "--wnids", "-", "-f", "tsv",
                         stdin="n02099601\nlabrador retriever\n# comment\n")  # fmt: skip
    assert code == 0, err
    # H is the set's own largest max_depth (17 here, 18 over all 1000 classes), so the two
    # retrievers (LCA retriever.n.01, max_depth 16) are 1 apart in this set
    assert out.splitlines()[1].split("\t") == ["n02099601", "0", "1"]
    code, out, _ = run("synsets", "distance-matrix", "--scheme", "devkit", "-f", "json")
    record = json.loads(out)
    assert record["ids"][:3] == [1, 2, 3]
    assert record["wnids"][0] == "n02119789"  # devkit's ILSVRC2012_ID 1 is kit fox


def test_distance_matrix_stats_and_fix_abstract(tmp_path: Path) -> None:
    code, out, err = run("synsets", "distance-matrix", "--stats", "--fix-abstract",
                         "-f", "json")  # fmt: skip
    assert code == 0
    stats = json.loads(out)
    assert stats["pairs"] == 499_500
    assert sum(h["pairs"] for h in stats["histogram"]) == 499_500
    assert [r["child_name"] for r in stats["rewired"]] == [
        "street_sign.n.01", "traffic_light.n.01", "ball.n.03"]  # fmt: skip
    assert err == ""  # the statistics list the moved edges themselves
    code, out, err = run("synsets", "distance-matrix", "--fix-abstract", "-f", "pairs")
    assert code == 0 and err.count("Rewired:") == 3
    assert len(out.splitlines()) == 1 + 499_500
    code, out, _ = run("synsets", "distance-matrix", "--stats", "--subset", "imagewoof")
    assert code == 0 and "Closest pairs" in out and "lca-height" in out


def test_distance_matrix_user_tree_and_errors(tmp_path: Path) -> None:
    tree = tmp_path / "isa.txt"
    tree.write_text("r a\nr b\na n02099601\na n02099712\nb n01440764\n", encoding="utf-8")
    wnids = tmp_path / "w.txt"
    wnids.write_text("n02099601\nn02099712\nn01440764\n", encoding="utf-8")
    code, out, err = run("synsets", "distance-matrix", "--hierarchy", str(tree),
                         "--wnids", str(wnids), "-f", "json")  # fmt: skip
    assert code == 0, err
    assert json.loads(out)["matrix"] == [[0, 1, 2], [1, 0, 2], [2, 2, 0]]
    code, _, err = run("synsets", "distance-matrix", "--hierarchy", str(tree))
    assert code == 1
    assert "997 of the 1000 classes are not in" in one_error_line(err)
    tree.write_text("r a b\n", encoding="utf-8")
    code, _, err = run("synsets", "distance-matrix", "--hierarchy", str(tree))
    assert code == 1 and "line 1: expected 'parent child'" in one_error_line(err)
    code, _, err = run("synsets", "distance-matrix", "--subset", "in21k-fall2011")
    assert code == 1 and "limited to 2,500" in one_error_line(err)
    code, _, _ = run("synsets", "distance-matrix", "--metric", "cosine")
    assert code == 2


def test_distance_matrix_output_is_whole_or_nothing(tmp_path: Path) -> None:
    target = tmp_path / "d.csv"
    target.write_text("old", encoding="utf-8")
    code, _, err = run("synsets", "distance-matrix", "--hierarchy", str(tmp_path / "missing.txt"),
                       "-o", str(target))  # fmt: skip
    assert code == 1 and "cannot read" in one_error_line(err)
    assert target.read_text(encoding="utf-8") == "old"
    code, _, err = run("synsets", "distance-matrix", "-o", str(tmp_path / "no" / "d.csv"))
    assert code == 1 and "cannot write" in one_error_line(err)
    assert [p.name for p in tmp_path.iterdir()] == ["d.csv"]


@pytest.mark.parametrize("args", [["eval"], ["synsets", "distance-matrix"]])
def test_help(args: list[str]) -> None:
    code, out, _ = run(*args, "--help")
    assert code == 0
    assert "Usage" in out


def test_eval_pipes_into_head() -> None:
    """A closed pipe ends the command quietly (the console script's courtesy)."""
    import subprocess
    import sys

    done = subprocess.run(
        f"'{sys.executable}' -m imagenet_cli synsets distance-matrix | head -c 100",
        shell=True, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.stdout.startswith("wnid,n01440764,")
    assert "Traceback" not in done.stderr
