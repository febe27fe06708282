"""``decode`` and ``imagenet classes decode``: rankings against numpy's own sort, layouts
and names against the wheels' files, and every kind of bad input."""

from __future__ import annotations

import ast
import json
import os
import pickle
import zipfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from imagenet_cli._errors import ImagenetError
from imagenet_cli.cli.main import app
from imagenet_cli.index.decode import ScoreError, decode, decode_file
from tests.conftest import ROOT, examples, timm_list

ENV = {"NO_COLOR": "1", "COLUMNS": "100", "TERM": "dumb"}


def run(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env=ENV, input=stdin)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def tv_names(wheel: zipfile.ZipFile) -> list[str]:
    tree = ast.parse(wheel.read("torchvision/models/_meta.py").decode("utf-8"))
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign) and getattr(stmt.targets[0], "id", "") == (
            "_IMAGENET_CATEGORIES"
        ):
            return list(ast.literal_eval(stmt.value))
    raise AssertionError("no _IMAGENET_CATEGORIES")


def test_ranking_equals_a_stable_sort_and_softmax() -> None:
    rng = np.random.default_rng(17)
    x = rng.standard_normal((300, 1000)).astype(np.float32)
    x[5, :] = 0.0  # all tied: the lowest indices win, as a stable sort orders them
    x[6, [3, 9, 500]] = 4.0
    for top in (5, 40):
        got = decode(x, top=top)
        expected = np.argsort(-x, axis=1, kind="stable")[:, :top]
        assert (got.indices == expected).all()
        probabilities = np.exp(x.astype(np.float64))
        probabilities /= probabilities.sum(axis=1, keepdims=True)
        want = np.take_along_axis(probabilities, expected, axis=1)
        assert np.allclose(got.scores, want, rtol=1e-5)
    assert list(decode(x, top=3).indices[6]) == [3, 9, 500]


def test_softmax_modes() -> None:
    probabilities = np.full((2, 1000), 0.0005)
    probabilities[0, 7] = 0.5005  # sums to 1: kept as it is under auto
    probabilities[1, 8] = 3.0  # does not sum to 1: softmaxed
    auto = decode(probabilities, top=1)
    assert auto.softmaxed == 1
    assert auto.scores[0, 0] == pytest.approx(0.5005)
    assert decode(probabilities, top=1, softmax="no").scores[1, 0] == 3.0
    assert decode(probabilities, top=1, softmax="yes").softmaxed == 2
    with pytest.raises(ImagenetError):
        decode(probabilities, softmax="maybe")


def test_nested_lists_and_one_row() -> None:
    row = [0.0] * 1000
    row[207] = 10.0
    assert decode(row).indices.shape == (1, 5)
    assert next(decode([row, row], top=1).predictions()).wnid == "n02099601"


def test_layouts_from_the_width(timm_wheel: zipfile.ZipFile) -> None:
    heads = (
        ("imagenet22k_ms_synsets.txt", 21842), ("imagenet21k_goog_synsets.txt", 21843),
        ("imagenet22k_synsets.txt", 21841), ("imagenet12k_synsets.txt", 11821),
    )  # fmt: skip
    for file, width in heads:
        wnids = timm_list(timm_wheel, file)
        scores = np.zeros((1, width), dtype=np.float32)
        scores[0, width - 3] = 5.0
        best = next(decode(scores, top=1).predictions())
        assert (best.index, best.wnid) == (width - 3, wnids[width - 3])
    with pytest.raises(ScoreError, match="200 columns; 200 outputs fit 2 layouts: imagenet-a, "):
        decode(np.zeros((1, 200)))
    assert decode(np.zeros((1, 200)), layout="imagenet-r").layout.name == "imagenet-r"
    with pytest.raises(ScoreError, match="no known layout has 999 outputs"):
        decode(np.zeros((1, 999)))
    with pytest.raises(ScoreError, match="1,000 columns but layout in22k-ms has 21,842"):
        decode(np.zeros((1, 1000)), layout="in22k-ms")


def test_tf_slim_background(torchvision_wheel: zipfile.ZipFile) -> None:
    scores = np.zeros((2, 1001))
    scores[0, 213] = 9.0  # slot 213 = class 212, English setter (not index 213)
    scores[1, 0] = 9.0
    first, second = (p for p in decode(scores, top=1).predictions())
    assert (first.wnid, first.name) == ("n02100735", tv_names(torchvision_wheel)[212])
    assert (second.index, second.wnid, second.name) == (0, "", "background")


def test_names_from_their_sources(
    torchvision_wheel: zipfile.ZipFile,
    open_clip_wheel: zipfile.ZipFile,
    timm_wheel: zipfile.ZipFile,
    wn: object,
) -> None:
    scores = np.eye(1000)
    torchvision = tv_names(torchvision_wheel)
    got = [p.name for p in decode(scores, top=1).predictions()]
    assert got == torchvision
    simple = json.loads((ROOT / "scripts/sources/imagenet_simple_labels.json").read_text())
    assert [p.name for p in decode(scores, top=1, names="simple").predictions()] == simple
    tree = ast.parse(open_clip_wheel.read("open_clip/zero_shot_metadata.py").decode("utf-8"))
    clip = next(
        ast.literal_eval(s.value)
        for s in tree.body
        if isinstance(s, ast.Assign) and getattr(s.targets[0], "id", "") == "IMAGENET_CLASSNAMES"
    )
    decoded = decode(scores, top=1, names="clip")
    assert [p.name for p in decoded.predictions()] == list(clip)
    assert any("'missile' to 657, 744" in note for note in decoded.notes)
    wordnet = [p.name for p in decode(scores[:20], top=1, names="wordnet").predictions()]
    keras = [p.name for p in decode(scores[:20], top=1, names="keras").predictions()]
    wnids = timm_list(timm_wheel, "imagenet_synsets.txt")
    for wnid, name, first in zip(wnids, wordnet, keras, strict=False):
        synset = wn.synset_from_pos_and_offset("n", int(wnid[1:]))  # type: ignore[attr-defined]
        assert (name, first) == (synset.name(), synset.lemma_names()[0])


def test_files_of_every_format(tmp_path: Path) -> None:
    x = np.zeros((3, 1000), dtype=np.float32)
    x[0, 1], x[1, 207], x[2, 999] = 5, 5, 5
    expected = [1, 207, 999]
    np.save(tmp_path / "s.npy", x)
    np.savez(tmp_path / "s.npz", logits=x)
    np.savetxt(tmp_path / "s.csv", x, delimiter=",")
    header = ",".join(f"c{i}" for i in range(1000))
    body = "\r\n".join(",".join(str(v) for v in row) for row in x.tolist())
    (tmp_path / "h.csv").write_bytes(("\ufeff" + header + "\r\n" + body + "\r\n").encode())
    (tmp_path / "s.tsv").write_text("\n".join("\t".join(map(str, r)) for r in x.tolist()))
    (tmp_path / "s.json").write_text(json.dumps(x.tolist()))
    for name in ("s.npy", "s.npz", "s.csv", "h.csv", "s.tsv", "s.json"):
        got = decode_file(tmp_path / name, top=1)
        assert list(got.indices[:, 0]) == expected, name
    np.savez(tmp_path / "two.npz", a=x, b=x)
    with pytest.raises(ScoreError, match="holds 2 arrays: a, b"):
        decode_file(tmp_path / "two.npz")
    assert decode_file(tmp_path / "two.npz", array="b").rows == 3


def test_cli_outputs_and_stdin(tmp_path: Path) -> None:
    x = np.zeros((2, 1000), dtype=np.float32)
    x[0, 207], x[1, 0] = 8, 8
    np.save(tmp_path / "s.npy", x)
    code, out, err = run("classes", "decode", str(tmp_path / "s.npy"), "--json", "--top", "2")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert set(data[0]) == {"row", "rank", "index", "wnid", "name", "score"}
    assert [(d["row"], d["rank"], d["index"]) for d in data] == [(0, 1, 207), (0, 2, 0),
                                                               (1, 1, 0), (1, 2, 1)]  # fmt: skip
    code, out, _ = run("classes", "decode", str(tmp_path / "s.npy"), "--jsonl", "-k", "1")
    assert [json.loads(line)["wnid"] for line in out.splitlines()] == ["n02099601", "n01440764"]
    code, out, _ = run("classes", "decode", str(tmp_path / "s.npy"), "--csv", "-k", "1")
    assert out.splitlines()[0] == "row,rank,index,wnid,name,score"
    assert out.splitlines()[1].startswith("0,1,207,n02099601,golden retriever,")
    csv_text = "\ufeff" + "\r\n".join(",".join(map(str, row)) for row in x.tolist()) + "\r\n"
    code, out, _ = run("classes", "decode", "-", "--top", "1", stdin=csv_text.encode())
    assert code == 0
    assert "golden retriever" in out
    code, out, _ = run("classes", "decode", "-", "-k", "1", "--json",
                       stdin=(tmp_path / "s.npy").read_bytes())  # fmt: skip
    assert json.loads(out)[1]["name"] == "tench"
    target = tmp_path / "out.csv"
    code, out, _ = run("classes", "decode", str(tmp_path / "s.npy"), "--csv", "-o", str(target))
    assert (code, out) == (0, "")
    assert target.read_text().count("\n") == 11


def test_cli_table_fits_80_columns(tmp_path: Path) -> None:
    np.save(tmp_path / "s.npy", np.eye(1000, dtype=np.float32)[[207]])
    result = CliRunner().invoke(
        app, ["classes", "decode", str(tmp_path / "s.npy")], env={**ENV, "COLUMNS": "80"}
    )
    assert result.exit_code == 0
    assert all(len(line) <= 80 for line in result.stdout.splitlines()[1:])
    assert "golden retriever" in result.stdout


ROW = b",".join([b"0.5"] * 1000)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (ROW + b"\n" + ROW + b"\r\n1,2\r\n", "line 3: 2 values where the first row has 1000"),
        (ROW + b"\n" + ROW[:-1] + b"x\n", "line 2, column 1000: '0.x' is not a number"),
        (b",".join([b"c"] * 1000) + b"\n", "has a header but no rows"),
        (b"[[1, 2], [1]]", "row 1: 1 value where row 0 has 2"),
        (ROW + b"\n7\n", "line 2: 1 value where the first row has 1000"),
        (b'[[1, "a"]]', 'row 0: "a" is not a number'),
        (b"[1, 2", "is not valid JSON"),
        (b"\xff\xfe1\x002\x00", "not a .npy, .npz, CSV or JSON"),
        (b"\xe9t\xe9,1\n", "not UTF-8"),
    ],
)  # fmt: skip
def test_bad_text_files(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    code, out, err = run("classes", "decode", str(path))
    assert (code, out) == (1, "")
    assert err.startswith("Error: ")
    assert message in err
    assert err.count("\n") == 1


def test_nan_and_inf_rows_are_named(tmp_path: Path) -> None:
    x = np.zeros((5000, 1000), dtype=np.float32)
    x[4321, 17] = np.nan
    np.save(tmp_path / "nan.npy", x)
    target = tmp_path / "out.csv"
    code, out, err = run("classes", "decode", str(tmp_path / "nan.npy"), "-o", str(target))
    assert (code, out) == (1, "")
    assert "row 4321: nan at column 17; scores must be finite" in err
    assert not target.exists()  # nothing half-written
    x[4321, 17] = 0
    x[2, 5] = np.inf
    with pytest.raises(ScoreError, match="row 2: inf at column 5"):
        decode(x)


def test_pickles_are_refused_and_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "was-unpickled"

    class Payload:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (os.mkdir, (str(marker),))

    (tmp_path / "p.pkl").write_bytes(pickle.dumps(Payload(), protocol=4))
    (tmp_path / "p.npy").write_bytes(pickle.dumps(Payload(), protocol=2))
    np.save(tmp_path / "obj.npy", np.array([Payload()], dtype=object), allow_pickle=True)
    for name in ("p.pkl", "p.npy", "obj.npy"):
        code, _, err = run("classes", "decode", str(tmp_path / name))
        assert code == 1, name
        assert "pickle" in err, name
    code, _, err = run("classes", "decode", "-", stdin=(tmp_path / "obj.npy").read_bytes())
    assert (code, "pickle" in err) == (1, True)
    assert not marker.exists()


def test_folders_missing_files_and_zip_without_arrays(tmp_path: Path) -> None:
    assert "is a folder" in run("classes", "decode", str(tmp_path))[2]
    assert "cannot read" in run("classes", "decode", str(tmp_path / "nope.npy"))[2]
    with zipfile.ZipFile(tmp_path / "model.pt", "w") as archive:
        archive.writestr("archive/data.pkl", b"\x80\x02}q\x00.")
    code, _, err = run("classes", "decode", str(tmp_path / "model.pt"))
    assert code == 1
    assert "zip archive without .npy arrays" in err


def test_huge_json_is_refused_with_its_size(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:  # sparse: 2 GB on disk costs nothing
        handle.write(b"[[" + b"0.5, " * 1000)
        handle.truncate(2 * 10**9)
    code, _, err = run("classes", "decode", str(path))
    assert code == 1
    assert "is 2.0 GB; JSON is read whole" in err


def test_usage_errors() -> None:
    assert run("classes", "decode", "x.npy", "--softmax", "maybe")[0] == 2
    assert run("classes", "decode", "x.npy", "--top", "0")[0] == 2
    assert run("classes", "decode", "x.npy", "--json", "--csv")[0] == 2
    code, _, err = run("classes", "decode", "-", "--layout", "in22k-m", stdin=b"1,2\n")
    assert code == 1
    assert "in22k-ms" in err


def test_lookups_never_import_numpy() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from imagenet_cli.cli.main import make_app; "
        "from typer.testing import CliRunner; "
        "r = CliRunner().invoke(make_app('classes'), ['classes', 'show', '207']); "
        "import imagenet_cli.index.decode, imagenet_cli.index.convert; "
        "print(r.exit_code, 'numpy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", "False"]


@settings(max_examples=examples(100), derandomize=True, deadline=None, database=None)
@given(st.binary(max_size=300))
def test_any_bytes_on_stdin_are_one_line_or_a_result(data: bytes) -> None:
    code, out, err = run("classes", "decode", "-", "--json", stdin=data)
    assert code in (0, 1)
    if code == 1:
        assert (out, err.count("\n"), err.startswith("Error: ")) == ("", 1, True)
    else:
        json.loads(out)
