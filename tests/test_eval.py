"""``evaluate`` and ``mistake_severity`` against independently computed answers.

Expected values come from the sources (TFDS' validation labels, timm's ReaL labels, the
devkit's class list) and NLTK, never from our own output.
"""

from __future__ import annotations

import json
import random
import zipfile
from pathlib import Path
from typing import Any

import pytest

from imagenet_cli._errors import ImagenetError
from imagenet_cli.eval import evaluate, mistake_severity

ROOT = Path(__file__).resolve().parent.parent
DEVKIT = ROOT / "scripts" / "sources" / "ilsvrc2012_map_clsloc.txt"
TFDS_LABELS = "tensorflow_datasets/datasets/imagenet2012/validation_labels.txt"


@pytest.fixture(scope="module")
def truth(timm_wheel: zipfile.ZipFile, tfds_wheel: zipfile.ZipFile) -> list[int]:
    """The 50,000 labels as class indices, from TFDS' copy and timm's class order."""
    classes = timm_wheel.read("timm/data/_info/imagenet_synsets.txt").decode().split()
    index = {w: i for i, w in enumerate(classes)}
    return [index[w] for w in tfds_wheel.read(TFDS_LABELS).decode().split()]


@pytest.fixture(scope="module")
def real(timm_wheel: zipfile.ZipFile) -> list[list[int]]:
    labels: list[list[int]] = json.loads(
        timm_wheel.read("timm/data/_info/imagenet_real_labels.json")
    )
    return labels


def write(path: Path, header: list[str], rows: list[list[Any]], newline: str = "\n") -> Path:
    text = newline.join(",".join(str(c) for c in row) for row in [header, *rows]) + newline
    path.write_text(text, encoding="utf-8")
    return path


def test_perfect_predictions_score_100(tmp_path: Path, truth: list[int], real: list[Any]) -> None:
    rows = [[f"ILSVRC2012_val_{i:08d}.JPEG", t] for i, t in enumerate(truth, 1)]
    result = evaluate(write(tmp_path / "p.csv", ["image", "pred"], rows))
    original, real_acc = result.accuracies
    assert (original.labels, original.n, original.top1, original.top5) == (
        "original", 50_000, 100.0, None)  # fmt: skip
    assert result.mistakes == 0
    assert result.mistake_severity is None
    assert result.hierarchical_distance == ((1, 0.0),)
    # ReaL as the paper scores it: images without a ReaL label are left out
    labelled = [i for i, r in enumerate(real) if r]
    right = sum(1 for i in labelled if truth[i] in real[i])
    assert real_acc.n == len(labelled)
    assert real_acc.left_out == 50_000 - len(labelled)
    assert real_acc.top1 == pytest.approx(100.0 * right / len(labelled))


def test_val_numbers_bom_and_crlf(tmp_path: Path, truth: list[int]) -> None:
    rows = [[i, t] for i, t in enumerate(truth, 1)]
    path = write(tmp_path / "p.csv", ["image", "pred"], rows, newline="\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert evaluate(path, labels="original").accuracies[0].top1 == 100.0


def test_a_repeated_guess_counts_once(tmp_path: Path) -> None:
    header = ["target", "pred_1", "pred_2", "pred_3", "pred_4", "pred_5", "pred_6"]
    rows = [
        [1, 7, 7, 7, 7, 7, 1],  # distinct guesses 7, 1: right at 5
        [2, 7, 8, 9, 10, 11, 2],  # five distinct wrong guesses first: wrong at 5
        [3, 3, 3, 3, 3, 3, 3],  # right at 1
        [4, 5, 4, 4, 4, 4, 4],  # right at 5
    ]
    result = evaluate(write(tmp_path / "t.csv", header, rows))
    (accuracy,) = result.accuracies  # no images: no ReaL labels
    assert accuracy.top1 == 25.0
    assert accuracy.top5 == 75.0
    assert any("ReaL" in w for w in result.warnings)


def test_severity_and_distance_at_k_follow_mbm_with_nltk(tmp_path: Path, wn: Any) -> None:
    from imagenet_cli.index.classes import all_classes

    synsets = [wn.synset_from_pos_and_offset("n", int(c.wnid[1:])) for c in all_classes()]
    height = max(s.max_depth() for s in synsets)

    def d(a: int, b: int) -> int:
        if a == b:
            return 0
        return height - max(s.max_depth() for s in synsets[a].lowest_common_hypernyms(synsets[b]))

    rng = random.Random(7)
    rows = []
    for _ in range(300):
        t = rng.randrange(1000)
        guesses = rng.sample(range(1000), 5)
        if rng.random() < 0.4 and t not in guesses:
            guesses[rng.randrange(5)] = t
        rows.append([t, *guesses])
    header = ["target"] + [f"pred_{k}" for k in range(1, 6)]
    result = evaluate(write(tmp_path / "t.csv", header, rows), labels="original")
    wrong = [(r[0], r[1]) for r in rows if r[0] != r[1]]
    assert result.mistakes == len(wrong)
    assert result.mistake_severity == pytest.approx(sum(d(t, g) for t, g in wrong) / len(wrong))
    at1 = sum(d(r[0], r[1]) for r in rows) / len(rows)
    at5 = sum(sum(d(r[0], g) for g in r[1:]) / 5 for r in rows) / len(rows)
    assert dict(result.hierarchical_distance) == pytest.approx({1: at1, 5: at5})
    assert mistake_severity([r[0] for r in rows], [r[1] for r in rows]) == pytest.approx(
        result.mistake_severity
    )


def test_groups_count_mistakes_under_their_lowest_common_hypernym(tmp_path: Path, wn: Any) -> None:
    from imagenet_cli.index.classes import all_classes

    synsets = [wn.synset_from_pos_and_offset("n", int(c.wnid[1:])) for c in all_classes()]
    rows = [[207, 208]] * 3 + [[207, 151]] * 2 + [[0, 1]]
    result = evaluate(write(tmp_path / "t.csv", ["target", "pred"], rows), labels="original")
    expected: dict[str, int] = {}
    for t, g in rows:
        name = synsets[t].lowest_common_hypernyms(synsets[g])[0].name()
        expected[name] = expected.get(name, 0) + 1
    assert {g.name: g.mistakes for g in result.mistake_groups} == expected
    assert result.mistake_groups[0].name == "retriever.n.01"


def devkit_ids() -> dict[int, int]:
    """class index -> ILSVRC2012_ID, from the devkit's class list and sorted wnids."""
    pairs = [line.split()[:2] for line in DEVKIT.read_text().splitlines()]
    order = sorted(w for w, _ in pairs)
    return {order.index(w): int(n) for w, n in pairs}


def test_devkit_ids_read_as_indices_are_explained(tmp_path: Path, truth: list[int]) -> None:
    ids = devkit_ids()
    # without the ID 1000 (no index reads it), the misreading gives near-chance accuracy
    rows = [[i, ids[t] if ids[t] != 1000 else 1] for i, t in enumerate(truth, 1)]
    path = write(tmp_path / "devkit.csv", ["image", "pred"], rows)
    result = evaluate(path, labels="original")
    assert result.accuracies[0].top1 < 1.0
    (warning,) = result.warnings
    assert "--scheme devkit" in warning
    right = evaluate(path, labels="original", scheme="devkit")
    assert right.accuracies[0].top1 == pytest.approx(100.0 * (50_000 - 50) / 50_000)
    assert right.warnings == ()
    # with the ID 1000 the first such line stops the reading and says why
    rows = [[i, ids[t]] for i, t in enumerate(truth, 1)]
    with pytest.raises(ImagenetError) as caught:
        evaluate(write(tmp_path / "d2.csv", ["image", "pred"], rows))
    assert "--scheme devkit" in (caught.value.hint or "")


def test_subset_restricts_the_argmax_of_scores(tmp_path: Path) -> None:
    np = pytest.importorskip("numpy")
    from imagenet_cli.index.classes import classes_in

    inside = [c.index for c in classes_in("imagenet-a")]
    outside = next(i for i in range(1000) if i not in inside)
    scores = np.zeros((4, 1000), dtype=np.float32)
    targets = np.array(inside[:4])
    for row, t in enumerate(targets):
        scores[row, outside] = 10.0  # best overall, but not an ImageNet-A class
        scores[row, t] = 5.0
    path = tmp_path / "a.npz"
    np.savez(path, scores=scores, targets=targets)
    plain = evaluate(path, labels="original")
    restricted = evaluate(path, labels="original", subset="imagenet-a")
    assert plain.accuracies[0].top1 == 0.0
    assert restricted.accuracies[0].top1 == 100.0


def test_scores_in_tf_slim_layout(tmp_path: Path) -> None:
    np = pytest.importorskip("numpy")
    scores = np.zeros((3, 1001))
    scores[:, 0] = 9.0  # background wins unless dropped
    targets = np.array([5, 6, 7])  # TF-slim slots: class index + 1
    for row, slot in enumerate(targets):
        scores[row, slot] = 1.0
    path = tmp_path / "s.npz"
    np.savez(path, logits=scores, targets=targets)
    with pytest.raises(ImagenetError, match="1001 score columns") as caught:
        evaluate(path)
    assert "--scheme tf-slim" in (caught.value.hint or "")
    assert evaluate(path, scheme="tf-slim").accuracies[0].top1 == 100.0


def test_scores_need_one_row_per_val_image(tmp_path: Path) -> None:
    np = pytest.importorskip("numpy")
    path = tmp_path / "s.npy"
    np.save(path, np.zeros((10, 1000), dtype=np.float32))
    with pytest.raises(ImagenetError, match=r"10 rows.*49,990 missing"):
        evaluate(path)
    np.save(path, np.array(["a", "b"]))
    with pytest.raises(ImagenetError, match="expected numbers"):
        evaluate(path)
