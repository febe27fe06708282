"""``convert``, ``imagenet classes convert``, ``classes show`` with many values and label
files, against the devkit list, the timm and torchvision wheels and WordNet."""

from __future__ import annotations

import ast
import json
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from imagenet_cli.cli.main import app
from imagenet_cli.index.classes import get_class
from imagenet_cli.index.convert import ConvertError, convert
from tests.conftest import ROOT, examples, timm_list

ENV = {"NO_COLOR": "1", "COLUMNS": "100", "TERM": "dumb"}
DEVKIT = ROOT / "scripts" / "sources" / "ilsvrc2012_map_clsloc.txt"


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env=ENV, input=stdin)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def tv_names(wheel: zipfile.ZipFile) -> list[str]:
    tree = ast.parse(wheel.read("torchvision/models/_meta.py").decode("utf-8"))
    return next(
        list(ast.literal_eval(s.value))
        for s in tree.body
        if isinstance(s, ast.Assign) and getattr(s.targets[0], "id", "") == "_IMAGENET_CATEGORIES"
    )


def devkit_rows() -> list[tuple[str, int]]:
    rows = []
    for line in DEVKIT.read_text("utf-8").splitlines():
        wnid, number, _ = line.split(" ", 2)
        rows.append((wnid, int(number)))
    return rows


def test_devkit_to_index_and_back(timm_wheel: zipfile.ZipFile) -> None:
    order = timm_list(timm_wheel, "imagenet_synsets.txt")
    rows = devkit_rows()
    got = convert([str(n) for _, n in rows], "devkit", "index")
    assert got == [str(order.index(wnid)) for wnid, _ in rows]
    assert convert(got, "torch", "devkit") == [str(n) for _, n in rows]
    for alias in ("keras", "timm", "torchvision", "in1k"):
        assert convert(["0", "999"], alias, "wnid") == [order[0], order[999]]
    assert convert(["1", "1000"], "one-based", "tf-slim") == ["1", "1000"]
    assert convert(["213"], "tf-slim", "index") == ["212"]


def test_layouts_through_the_wnid(timm_wheel: zipfile.ZipFile) -> None:
    ms = timm_list(timm_wheel, "imagenet22k_ms_synsets.txt")
    order = timm_list(timm_wheel, "imagenet_synsets.txt")
    assert convert([str(i) for i in range(1000)], "in22k-ms", "in1k") == [
        str(order.index(w)) for w in ms[:1000]
    ]
    # Google -> fall 2011 is the inverse of timm's imagenet21k_goog_to_22k_indices.txt
    table = [int(x) for x in timm_list(timm_wheel, "imagenet21k_goog_to_22k_indices.txt")]
    some = list(range(0, 21841, 997))
    assert convert([str(table[j]) for j in some], "imagenet-21k-goog", "in22k") == [
        str(j) for j in some
    ]
    # the two Google synsets fall 2011 lacks have no counterpart
    goog = timm_list(timm_wheel, "imagenet21k_goog_synsets.txt")
    lacking = goog.index("n03931044")
    assert convert([str(lacking)], "in21k", "in22k", missing="keep") == [None]
    a_to_1k = [int(x) for x in timm_list(timm_wheel, "imagenet_a_indices.txt")]
    assert convert([str(j) for j in range(200)], "imagenet-a", "index") == [str(i) for i in a_to_1k]
    r_to_1k = [int(x) for x in timm_list(timm_wheel, "imagenet_r_indices.txt")]
    assert convert(["0", "199"], "imagenet-r", "index") == [str(r_to_1k[0]), str(r_to_1k[199])]


def test_no_counterpart_is_one_error_naming_the_value() -> None:
    with pytest.raises(ConvertError) as caught:
        convert(["5", "21000", "21000"], "in22k-ms", "in1k")
    assert caught.value.position == 1
    assert caught.value.missing
    assert convert(["5", "21000"], "in22k-ms", "in1k", missing="skip") == ["5", None]
    with pytest.raises(ConvertError, match="background slot"):
        convert(["0"], "tf-slim", "index")
    with pytest.raises(ConvertError, match="out of range"):
        convert(["1000"], "index", "wnid", missing="skip")  # bad values always fail


def test_names_that_one_list_gives_to_one_class(torchvision_wheel: zipfile.ZipFile) -> None:
    torchvision = tv_names(torchvision_wheel)
    simple = json.loads((ROOT / "scripts/sources/imagenet_simple_labels.json").read_text())
    for name in ("harp", "missile", "tub", "gong", "partridge", "polecat", "crayfish"):
        owners = {i for i, n in enumerate(torchvision) if n.lower() == name}
        owners |= {i for i, n in enumerate(simple) if n.lower() == name}
        assert len(owners) == 1, name
        assert get_class(name).index == owners.pop(), name
    # names several classes carry as their first WordNet lemma stay ambiguous
    for name in ("crane", "maillot"):
        with pytest.raises(Exception, match="names 2 classes"):
            get_class(name)
    assert convert(torchvision[:50], "name", "index") == [str(i) for i in range(50)]


def test_cli_convert_csv_passes_other_columns(tmp_path: Path) -> None:
    rows = devkit_rows()[:3]
    text = "file,label,note\r\n" + "".join(
        f'img{i}.jpg,{n},"a, {i}"\r\n' for i, (_, n) in enumerate(rows)
    )
    path = tmp_path / "preds.csv"
    path.write_text(text, newline="")
    target = tmp_path / "out.csv"
    code, out, err = run("classes", "convert", str(path), "--from", "devkit", "--to", "wnid",
                         "--column", "label", "-o", str(target))  # fmt: skip
    assert (code, out, err) == (0, "", "")
    expected = "file,label,note\r\n" + "".join(
        f'img{i}.jpg,{w},"a, {i}"\r\n' for i, (w, _) in enumerate(rows)
    )
    assert target.read_bytes().decode() == expected  # CRLF and quoting kept
    tsv = "id\tclass\n1\tn01440764\n2\tn02099601\n"
    code, out, _ = run("classes", "convert", "-", "--from", "wnid", "--to", "one-based",
                       "--column", "class", stdin=tsv)  # fmt: skip
    assert out == "id\tclass\n1\t1\n2\t208\n"


def test_cli_convert_errors_and_missing(tmp_path: Path) -> None:
    code, out, err = run("classes", "convert", "--from", "in22k-ms", "--to", "in1k",
                         stdin="3\n\n21000\n")  # fmt: skip
    assert (code, out) == (1, "")
    assert err.startswith("Error: line 3: in22k-ms 21000 is n")
    assert "--missing skip" in err
    code, out, _ = run("classes", "convert", "--from", "in22k-ms", "--to", "in1k",
                       "--missing", "skip", stdin="3\n21000\n")  # fmt: skip
    assert (code, out) == (0, "3\n")
    code, out, _ = run("classes", "convert", "--from", "in22k-ms", "--to", "in1k",
                       "--missing", "keep", stdin="3\n21000\n")  # fmt: skip
    assert out == "3\n\n"
    target = tmp_path / "out.txt"
    code, _, err = run("classes", "convert", "--from", "index", "--to", "wnid", "-o",
                       str(target), stdin="1\nx\n")  # fmt: skip
    assert code == 1
    assert err == ("Error: line 2: 'x' is no index label: not a number; it runs from 0 to 999\n")
    assert not target.exists()
    code, _, err = run("classes", "convert", "--from", "indx", "--to", "wnid", stdin="1\n")
    assert (code, "Did you mean: index" in err) == (1, True)
    code, _, err = run("classes", "convert", str(tmp_path), "--from", "index", "--to", "wnid")
    assert (code, "is a folder" in err) == (1, True)
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    assert "is empty" in run("classes", "convert", str(empty), "--from", "index", "--to",
                             "wnid")[2]  # fmt: skip
    assert run("classes", "convert", "--to", "wnid", stdin="1\n")[0] == 2  # --from missing
    assert run("classes", "convert", "--from", "index", "--to", "wnid", "--missing", "x")[0] == 2


def test_cli_show_many_and_stdin() -> None:
    code, out, _ = run("classes", "show", "harp", "n02099601", "--json")
    assert [c["index"] for c in json.loads(out)] == [594, 207]
    code, out, _ = run("classes", "show", "-", "--scheme", "devkit", "--json",
                       stdin="449\r\n\r\n1\n")  # fmt: skip
    assert [(c["input"], c["index"]) for c in json.loads(out)] == [("449", 0), ("1", 278)]
    code, out, err = run("classes", "show", "tench", "xyzzy")
    assert (code, out) == (1, "")
    assert err.startswith("Error: value 2 ('xyzzy'): no class matches")
    code, out, _ = run("classes", "show", "207", "--json")  # one value: one object
    assert json.loads(out)["wnid"] == "n02099601"


@pytest.mark.slow
def test_label_files(
    wn: object, torchvision_wheel: zipfile.ZipFile, timm_wheel: zipfile.ZipFile
) -> None:
    order = timm_list(timm_wheel, "imagenet_synsets.txt")

    def lemmas(wnid: str) -> str:
        synset = wn.synset_from_pos_and_offset("n", int(wnid[1:]))  # type: ignore[attr-defined]
        return ", ".join(n.replace("_", " ") for n in synset.lemma_names())

    code, out, _ = run("classes", "--format", "tf-slim")
    lines = out.splitlines()
    assert (code, len(lines), lines[0]) == (0, 1001, "0:background")
    assert lines[1:4] == [f"{i + 1}:{lemmas(order[i])}" for i in range(3)]
    code, out, _ = run("classes", "--format", "caffe")
    assert out.splitlines()[:3] == [f"{w} {lemmas(w)}" for w in order[:3]]
    code, out, _ = run("classes", "--format", "torchvision")
    assert out.splitlines() == tv_names(torchvision_wheel)
    code, out, _ = run("classes", "--format", "caffe", "--layout", "in22k-ms")
    ms = timm_list(timm_wheel, "imagenet22k_ms_synsets.txt")
    assert [line.split(" ", 1)[0] for line in out.splitlines()] == ms
    code, out, _ = run("classes", "--format", "keras", "--layout", "imagenet-21k-goog")
    goog = timm_list(timm_wheel, "imagenet21k_goog_synsets.txt")
    assert [v[0] for v in json.loads(out).values()] == goog
    assert run("classes", "--format", "tf-slim", "--layout", "in22k")[0] == 1
    assert run("classes", "--layout", "in22k")[0] == 2
    assert run("classes", "--format", "caffe", "--under", "dog.n.01")[0] == 2


@settings(max_examples=examples(150), derandomize=True, deadline=None, database=None)
@given(
    st.one_of(st.text(max_size=40), st.integers(-5, 30000).map(str)),
    st.sampled_from(["index", "devkit", "name", "wnid", "in22k-ms", "tf-slim", "imagenet-a"]),
)
def test_convert_never_crashes(value: str, src: str) -> None:
    try:
        got = convert([value], src, "wnid", missing="keep")
    except ConvertError as error:
        position = error.position
    else:
        position = 0
        assert got[0] is None or (got[0].startswith("n") and len(got[0]) == 9)
    assert position == 0
