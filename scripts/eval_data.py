"""Build the evaluation data of ``imagenet eval`` and ``synsets distance-matrix`` (called by
scripts/build_data.py; see data/SOURCES.md).

Outputs (all little-endian, no header; layouts also in data/SOURCES.md):

* ``ilsvrc2012_val_labels.bin``: 50,000 uint16, the class index (0-999) of
  ``ILSVRC2012_val_00000001.JPEG`` ... in file order. Two public copies are read and must
  agree on every image: TensorFlow Datasets' ``validation_labels.txt`` (wnids) and the
  Caffe-style list vendored in ``scripts/sources/`` (file name and class index).
* ``imagenet_real_labels.bin``: the ReaL labels of timm's ``imagenet_real_labels.json``:
  50,001 uint32 offsets, then the uint16 class indices; image ``i`` (0-based) has the
  labels ``[offsets[i], offsets[i + 1])``, possibly none.
* ``ilsvrc2012_lca_height.bin``: 1000 x 1000 uint8, row-major in class index order:
  ``D(a, b) = H - max_depth(LCA)`` with NLTK's ``lowest_common_hypernyms`` on WordNet 3.0
  and ``H`` the largest ``max_depth`` of the 1000 classes; 0 on the diagonal.
* ``eval.json``: counts, ``H``, the checksums of the sources, and the three edges that
  Making Better Mistakes rewires (``--fix-abstract``) with the WordNet facts they need.
"""

from __future__ import annotations

import collections
import gzip
import hashlib
import json
import subprocess
import sys
import zipfile
from array import array
from pathlib import Path
from typing import Any

TFDS_VERSION = "4.9.10"
TFDS_LABELS = "tensorflow_datasets/datasets/imagenet2012/validation_labels.txt"
ROOT = Path(__file__).resolve().parent.parent
CAFFE_FILE = ROOT / "scripts" / "sources" / "ilsvrc2012_val_caffe_labels.txt.gz"
VAL_IMAGES = 50_000

#: The edges that Making Better Mistakes replaces, ``(parent, child) -> (new parent, child)``:
#: ``EDGE_REPLACE`` in fiveai/making-better-mistakes,
#: data/scripts_asis/compute_imagenet_hierarchy.py at commit
#: f0bb7d0a7c4a9c7c9517045a4be4446e9baf824f.
MBM_EDGE_REPLACE = (
    (("n06793231", "n06794110"), ("n04217882", "n06794110")),
    (("n06874019", "n06874185"), ("n04217882", "n06874185")),
    (("n13899200", "n13899404"), ("n04274530", "n13899404")),
)


def _le(values: array) -> bytes:  # type: ignore[type-arg]
    if sys.byteorder != "little":
        values = array(values.typecode, values)
        values.byteswap()
    return values.tobytes()


def fetch_tfds(into: Path) -> Path:
    """The tensorflow-datasets wheel (no dependencies), downloaded with pip if missing."""
    found = sorted(into.glob(f"tensorflow_datasets-{TFDS_VERSION}-*.whl"))
    if not found:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
             "-d", str(into), f"tensorflow-datasets=={TFDS_VERSION}"],
            check=True,
        )  # fmt: skip
        found = sorted(into.glob(f"tensorflow_datasets-{TFDS_VERSION}-*.whl"))
    if not found:
        raise SystemExit(f"could not download tensorflow-datasets=={TFDS_VERSION}")
    return found[0]


def read_tfds_labels(wheel: Path) -> list[str]:
    """The 50,000 wnids of TFDS' validation_labels.txt, in file-name order."""
    with zipfile.ZipFile(wheel) as z:
        return z.read(TFDS_LABELS).decode("ascii").split()


def read_caffe_labels(classes: list[str]) -> list[str]:
    """The vendored Caffe-style list (``<prefix>ILSVRC2012_val_%08d.JPEG <index>``) as wnids."""
    text = gzip.decompress(CAFFE_FILE.read_bytes()).decode("ascii")
    wnids = []
    for number, line in enumerate(text.splitlines(), 1):
        name, index = line.split()
        if not name.endswith(f"ILSVRC2012_val_{number:08d}.JPEG"):
            raise SystemExit(f"{CAFFE_FILE}: line {number} names {name}")
        wnids.append(classes[int(index)])
    return wnids


def val_labels(wheels: Path, classes: list[str]) -> list[int]:
    """The 50,000 class indices, after checking the two copies against each other."""
    tfds = read_tfds_labels(fetch_tfds(wheels))
    caffe = read_caffe_labels(classes)
    if len(tfds) != VAL_IMAGES or len(caffe) != VAL_IMAGES:
        raise SystemExit(f"label copies hold {len(tfds)} and {len(caffe)} labels, not 50,000")
    differ = [i + 1 for i, (a, b) in enumerate(zip(tfds, caffe, strict=True)) if a != b]
    if differ:
        raise SystemExit(f"the two validation label copies differ on images {differ[:10]}")
    index = {w: i for i, w in enumerate(classes)}
    labels = [index[w] for w in tfds]
    per_class = collections.Counter(labels)
    if len(per_class) != 1000 or set(per_class.values()) != {50}:
        raise SystemExit("the validation labels do not give every class exactly 50 images")
    return labels


def real_labels(timm_wheel: Path) -> list[list[int]]:
    with zipfile.ZipFile(timm_wheel) as z:
        real = json.loads(z.read("timm/data/_info/imagenet_real_labels.json"))
    if len(real) != VAL_IMAGES or any(not 0 <= c < 1000 for labels in real for c in labels):
        raise SystemExit("imagenet_real_labels.json is not 50,000 lists of class indices")
    return [sorted(set(labels)) for labels in real]


def lca_heights(wn: Any, classes: list[str]) -> tuple[bytes, int]:
    """The 1000 x 1000 lca-height matrix and H, from NLTK's synsets.

    Per pair this is NLTK's ``lowest_common_hypernyms``: the common hypernyms (each
    synset's hypernym closure with itself, instance hypernyms included) of largest
    ``max_depth``; the closure of each class is taken once instead of once per pair.
    """
    synsets = [wn.synset_from_pos_and_offset("n", int(w[1:])) for w in classes]
    height = max(s.max_depth() for s in synsets)
    closures = [
        {x.offset(): x.max_depth() for xs in s._iter_hypernym_lists() for x in xs} for s in synsets
    ]
    out = bytearray(1000 * 1000)
    for i in range(1000):
        up_i = closures[i]
        for j in range(i + 1, 1000):
            up_j = closures[j]
            deepest = max(d for o, d in up_i.items() if o in up_j)
            out[i * 1000 + j] = out[j * 1000 + i] = height - deepest
    return bytes(out), height


def mbm_edges(wn: Any) -> list[dict[str, Any]]:
    """MBM's three edges with the WordNet names and, for a new parent, its hypernyms."""
    edges = []
    for (old, child), (new, _child) in MBM_EDGE_REPLACE:

        def synset(wnid: str) -> Any:
            return wn.synset_from_pos_and_offset("n", int(wnid[1:]))

        parent = synset(new)
        hypernyms = parent.hypernyms() + parent.instance_hypernyms()
        edges.append({
            "child": child, "child_name": synset(child).name(),
            "old_parent": old, "old_parent_name": synset(old).name(),
            "new_parent": new, "new_parent_name": parent.name(),
            "new_parent_hypernyms": sorted(f"n{h.offset():08d}" for h in hypernyms),
        })  # fmt: skip
    return edges


def build_eval(out_dir: Path, wheels: Path, timm_wheel: Path, classes: list[str]) -> dict[str, Any]:
    """Write the four files into ``out_dir``; return a summary."""
    from imagenet_cli.corpus.reader import open_wordnet

    labels = val_labels(wheels, classes)
    (out_dir / "ilsvrc2012_val_labels.bin").write_bytes(_le(array("H", labels)))
    real = real_labels(timm_wheel)
    offsets = array("I", [0])
    flat = array("H")
    for image in real:
        flat.extend(image)
        offsets.append(len(flat))
    (out_dir / "imagenet_real_labels.bin").write_bytes(_le(offsets) + _le(flat))
    wn = open_wordnet()
    matrix, height = lca_heights(wn, classes)
    (out_dir / "ilsvrc2012_lca_height.bin").write_bytes(matrix)
    tfds = fetch_tfds(wheels)
    meta = {
        "val_images": VAL_IMAGES,
        "val_sources": [
            f"tensorflow-datasets {TFDS_VERSION} wheel, {TFDS_LABELS} "
            f"(sha256 of the wheel {hashlib.sha256(tfds.read_bytes()).hexdigest()})",
            "1900zyh/pytorch-AdaIN, ILSVRC2012_validation_ground_truth.txt at commit "
            "178dcfda1dd42e6a0e9f1bd875322beedd81d9d3 (Caffe-style: file name, class index), "
            "vendored gzipped as scripts/sources/ilsvrc2012_val_caffe_labels.txt.gz",
        ],
        "real_source": "timm wheel, timm/data/_info/imagenet_real_labels.json",
        "real_images_with_labels": sum(1 for image in real if image),
        "lca_height": {"H": height, "classes": 1000},
        # the rows of ilsvrc2012_lca_height.bin (timm's imagenet_synsets.txt, index order)
        "ilsvrc2012_wnids": classes,
        "mbm_rewired": mbm_edges(wn),
        "mbm_source": "fiveai/making-better-mistakes, data/scripts_asis/"
        "compute_imagenet_hierarchy.py (EDGE_REPLACE) at commit "
        "f0bb7d0a7c4a9c7c9517045a4be4446e9baf824f",
    }
    (out_dir / "eval.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    return {"val_labels": len(labels), "real_with_labels": meta["real_images_with_labels"],
            "lca_height_H": height}  # fmt: skip


EVAL_FILES = [
    "ilsvrc2012_val_labels.bin", "imagenet_real_labels.bin", "ilsvrc2012_lca_height.bin",
    "eval.json",
]  # fmt: skip
