#!/usr/bin/env python3
"""Build the generated files in data/ from their real sources.

Sources (nothing is typed in by hand here):
* WordNet 3.0, read through NLTK's WordNetCorpusReader (imagenet_cli.corpus.reader),
  from Debian's ``wordnet-base`` or any folder of WordNet 3.0 database files.
* The ImageNet synset lists in the timm wheel (``timm/data/_info/``), read as files.
* CLIP's ImageNet class names in the open_clip_torch wheel
  (``open_clip/zero_shot_metadata.py``), parsed with ``ast``.
* The model metadata in the torchvision wheel (``torchvision/models/*.py``), read by
  parsing the source with ``ast``; torch is never imported.

Outputs:
* ``data/imagenet.sqlite``: the synset index (every synset of every list below plus all
  of their WordNet 3.0 ancestors), lemmas, hypernyms, list memberships and noun
  exceptions.
* ``data/layout_maps.json``: timm's index tables between label layouts.
* ``data/clip_names.json``: CLIP's 1000 ImageNet class names (duplicates kept).
* ``data/torchvision_weights.json``: params, accuracy and ops of every classification
  weight torchvision publishes.

Usage::

    python scripts/build_data.py            # downloads the wheels with pip if needed
    python scripts/build_data.py --check    # rebuild in a temp folder, compare with data/
    python scripts/build_data.py --download-only   # just fetch the three wheels

The output is deterministic: the same sources give byte-identical files.
"""

from __future__ import annotations

import argparse
import ast
import filecmp
import hashlib
import json
import sqlite3
import subprocess
import sys
import tempfile
import zipfile
import zlib
from array import array
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from imagenet_cli.corpus.reader import find_wordnet_dir, open_wordnet, wnid_of  # noqa: E402
from scripts.eval_data import EVAL_FILES, build_eval, fetch_tfds  # noqa: E402

TIMM_VERSION = "1.0.31"
TORCHVISION_VERSION = "0.29.1"
OPEN_CLIP_VERSION = "3.3.0"

#: Index tables between label layouts in timm/data/_info/: (file, source layout, target
#: layout). Line j of a file is the output of the source layout that is output j of the
#: target layout.
TIMM_MAPS = (
    ("imagenet21k_goog_to_12k_indices.txt", "in21k-google", "in12k"),
    ("imagenet21k_goog_to_22k_indices.txt", "in21k-google", "in21k-fall2011"),
    ("imagenet22k_ms_to_12k_indices.txt", "in22k-ms", "in12k"),
    ("imagenet22k_ms_to_22k_indices.txt", "in22k-ms", "in21k-fall2011"),
    ("imagenet22k_to_12k_indices.txt", "in21k-fall2011", "in12k"),
    ("imagenet_a_indices.txt", "ilsvrc2012", "imagenet-a"),
    ("imagenet_r_indices.txt", "ilsvrc2012", "imagenet-r"),
)

#: (name, title, file in timm/data/_info/, description). Order is the display order.
TIMM_LISTS = (
    ("ilsvrc2012", "ILSVRC-2012 (ImageNet-1k)", "imagenet_synsets.txt",
     "the 1000 classification classes, sorted by wnid: position = class index 0-999"),
    ("in21k-fall2011", "ImageNet-21k, fall 2011 release", "imagenet22k_synsets.txt",
     "the 21,841 synsets of the fall 2011 release (fall11_whole)"),
    ("in21k-google", "ImageNet-21k, Google label space", "imagenet21k_goog_synsets.txt",
     "the 21,843 outputs of Google's 21k checkpoints (BiT, ViT)"),
    ("in22k-ms", "ImageNet-22k, Microsoft label space", "imagenet22k_ms_synsets.txt",
     "21,842 outputs: the 1000 ILSVRC-2012 classes first, then the rest of fall 2011"),
    ("in12k", "ImageNet-12k", "imagenet12k_synsets.txt",
     "timm's 11,821-class subset of ImageNet-21k"),
    ("in21k-p-fall2011", "ImageNet-21k-P, fall 2011", "imagenet21k_miil_synsets.txt",
     "the 11,221 classes of ImageNet-21K-P (Ridnik et al. 2021), fall 2011 release"),
    ("in21k-p-winter2021", "ImageNet-21k-P, winter 2021", "imagenet21k_miil_w21_synsets.txt",
     "the 10,450 classes of ImageNet-21K-P, winter 2021 release"),
    ("imagenet-a", "ImageNet-A", "imagenet_a_synsets.txt",
     "the 200 ILSVRC-2012 classes of ImageNet-A (Hendrycks et al. 2021)"),
    ("imagenet-r", "ImageNet-R", "imagenet_r_synsets.txt",
     "the 200 ILSVRC-2012 classes of ImageNet-R (Hendrycks et al. 2021)"),
    ("mini-imagenet", "mini-ImageNet", "mini_imagenet_synsets.txt",
     "the 100 classes of mini-ImageNet (Vinyals et al. 2016; Ravi & Larochelle split)"),
)  # fmt: skip

#: Checked when the library opens the index (imagenet_cli/index/_queries.py).
SCHEMA_VERSION = "2"  # must equal imagenet_cli.index._queries.SCHEMA_VERSION

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE synsets (
    offset INTEGER PRIMARY KEY,      -- WordNet 3.0 noun offset
    wnid TEXT NOT NULL UNIQUE,       -- 'n' + 8-digit offset
    name TEXT NOT NULL UNIQUE,       -- WordNet name, dog.n.01
    lexname TEXT NOT NULL,           -- lexicographer file, noun.animal
    gloss TEXT NOT NULL,             -- WordNet definition
    min_depth INTEGER NOT NULL,      -- NLTK Synset.min_depth()
    max_depth INTEGER NOT NULL,      -- NLTK Synset.max_depth()
    ilsvrc2012_index INTEGER UNIQUE, -- 0-999 in sorted-wnid order, NULL if not a class
    ilsvrc2012_id INTEGER UNIQUE,    -- 1-1000, the devkit's numbering, NULL if not a class
    classes_below INTEGER NOT NULL,  -- ILSVRC-2012 classes in the subtree (itself included)
    in21k_below INTEGER NOT NULL,    -- fall 2011 21k synsets in the subtree (itself included)
    wordnet_hyponyms INTEGER NOT NULL -- direct hyponyms in all of WordNet (instances included)
);
CREATE TABLE lemmas (
    offset INTEGER NOT NULL REFERENCES synsets(offset),
    position INTEGER NOT NULL,       -- order within the synset, 0 first
    lemma TEXT NOT NULL,             -- as WordNet spells it: golden_retriever
    key TEXT NOT NULL,               -- lower case, spaces: golden retriever
    sense_rank INTEGER NOT NULL,     -- 1 = this synset is the lemma's first noun sense
    sense_key TEXT NOT NULL UNIQUE,  -- WordNet 3.0 sense key (index.sense): dog%1:05:00::
    PRIMARY KEY (offset, position)
) WITHOUT ROWID;
CREATE INDEX lemmas_key ON lemmas(key);
CREATE TABLE hypernyms (
    offset INTEGER NOT NULL REFERENCES synsets(offset),
    hypernym INTEGER NOT NULL REFERENCES synsets(offset),
    instance INTEGER NOT NULL,       -- 1 for an instance hypernym (@i)
    position INTEGER NOT NULL,
    PRIMARY KEY (offset, hypernym)
) WITHOUT ROWID;
CREATE INDEX hyponyms ON hypernyms(hypernym);
CREATE TABLE subsets (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, title TEXT NOT NULL,
    size INTEGER NOT NULL, source TEXT NOT NULL, description TEXT NOT NULL,
    ilsvrc2012_overlap INTEGER NOT NULL  -- how many of its synsets are ILSVRC-2012 classes
);
CREATE TABLE members (
    subset INTEGER NOT NULL REFERENCES subsets(id),
    position INTEGER NOT NULL,       -- line number in the source list, 0 first
    offset INTEGER NOT NULL REFERENCES synsets(offset),
    PRIMARY KEY (subset, position)
) WITHOUT ROWID;
CREATE INDEX members_offset ON members(offset);
CREATE TABLE wordnet_nouns (       -- all of WordNet 3.0's nouns, to tell "not in ImageNet"
    offsets BLOB NOT NULL,           -- from "not a WordNet 3.0 noun": uint32 LE offsets
    lemmas BLOB NOT NULL,            -- zlib of the sorted lemma keys, one a line
    names BLOB NOT NULL              -- zlib of the sorted synset names (dog.n.01), one a line
);
CREATE TABLE classes_beneath (      -- each synset and the ILSVRC-2012 classes in its subtree
    offset INTEGER NOT NULL REFERENCES synsets(offset),
    class INTEGER NOT NULL,          -- ILSVRC-2012 class index, 0-999
    PRIMARY KEY (offset, class)
) WITHOUT ROWID;
CREATE INDEX synsets_name_nocase ON synsets(name COLLATE NOCASE);
CREATE TABLE class_names (          -- names in use for the 1000 classes
    offset INTEGER PRIMARY KEY REFERENCES synsets(offset),
    torchvision TEXT NOT NULL,       -- torchvision's _IMAGENET_CATEGORIES
    simple TEXT NOT NULL             -- anishathalye/imagenet-simple-labels
);
CREATE TABLE noun_exceptions (      -- WordNet noun.exc rows whose base is a lemma here
    form TEXT NOT NULL, base TEXT NOT NULL, PRIMARY KEY (form, base)
) WITHOUT ROWID;
"""


#: The ILSVRC devkit's class list (``map_clsloc.txt``: wnid, ILSVRC2012_ID, name), as
#: vendored in the public repository wisetrue95/Classification2020 (data/map_clsloc.txt,
#: commit 880de51f467cadd937a6a7adba3496424823ace3). See data/SOURCES.md.
DEVKIT_FILE = ROOT / "scripts" / "sources" / "ilsvrc2012_map_clsloc.txt"


def read_devkit_ids(classes: set[str]) -> dict[int, int]:
    """``{offset: ILSVRC2012_ID}`` from the devkit list, checked against the 1000 classes."""
    ids: dict[int, int] = {}
    for line in DEVKIT_FILE.read_text(encoding="utf-8").splitlines():
        wnid, number, _name = line.split(" ", 2)
        ids[int(wnid[1:])] = int(number)
    if {f"n{o:08d}" for o in ids} != classes or sorted(ids.values()) != list(range(1, 1001)):
        raise SystemExit(f"{DEVKIT_FILE} is not a numbering of the 1000 ILSVRC-2012 classes")
    return ids


#: Other public lists, copied into scripts/sources/ (provenance in data/SOURCES.md):
#: (name, title, file, description).
VENDORED_LISTS = (
    ("imagenette", "Imagenette", "imagenette_wnids.txt",
     "fast.ai's 10 easily classified ILSVRC-2012 classes"),
    ("imagewoof", "Imagewoof", "imagewoof_wnids.txt",
     "fast.ai's 10 ILSVRC-2012 dog breeds that are hard to tell apart"),
)  # fmt: skip
SIMPLE_LABELS_FILE = ROOT / "scripts" / "sources" / "imagenet_simple_labels.json"


def read_torchvision_categories(tv_wheel: Path) -> list[str]:
    """``_IMAGENET_CATEGORIES`` of torchvision/models/_meta.py: 1000 names, index order."""
    with zipfile.ZipFile(tv_wheel) as wheel:
        tree = ast.parse(wheel.read("torchvision/models/_meta.py").decode("utf-8"))
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "_IMAGENET_CATEGORIES" for t in stmt.targets
        ):
            names = ast.literal_eval(stmt.value)
            if len(names) == 1000:
                return list(names)
    raise SystemExit("no 1000-name _IMAGENET_CATEGORIES in torchvision/models/_meta.py")


def fetch_wheel(package: str, version: str, into: Path) -> Path:
    """Download ``package==version`` (no dependencies) with pip, unless already there."""
    found = sorted(into.glob(f"{package}-{version}-*.whl"))
    if not found:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
             "-d", str(into), f"{package}=={version}"],
            check=True,
        )  # fmt: skip
        found = sorted(into.glob(f"{package}-{version}-*.whl"))
    if not found:
        raise SystemExit(f"could not download {package}=={version}")
    return found[0]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_list(wheel: zipfile.ZipFile, name: str) -> list[str]:
    text = wheel.read(f"timm/data/_info/{name}").decode("utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


def subtree_members(index: dict[int, Any], wanted: set[int]) -> dict[int, set[int]]:
    """For each synset, the ``wanted`` synsets in its subtree (itself included).

    The hierarchy is a DAG, so a synset below two parents counts once under each, and once
    under a common ancestor: these are descendant sets, not sums over children.
    """
    members: dict[int, set[int]] = {o: set() for o in index}
    for offset, synset in index.items():
        if offset not in wanted:
            continue
        seen = {offset}
        todo = [synset]
        while todo:
            node = todo.pop()
            members[node.offset()].add(offset)
            for parent in node.hypernyms() + node.instance_hypernyms():
                if parent.offset() not in seen:
                    seen.add(parent.offset())
                    todo.append(parent)
    return members


def build_index(timm_wheel: Path, out: Path, tv_wheel: Path) -> dict[str, Any]:
    """Write the SQLite synset index to ``out``; return a summary for SOURCES.md."""
    wn = open_wordnet()
    lists: dict[str, list[str]] = {}
    with zipfile.ZipFile(timm_wheel) as wheel:
        for name, _title, filename, _desc in TIMM_LISTS:
            lists[name] = read_list(wheel, filename)
    for name, _title, filename, _desc in VENDORED_LISTS:
        path = ROOT / "scripts" / "sources" / filename
        lists[name] = [line.strip() for line in path.read_text("utf-8").splitlines() if line]
    if lists["ilsvrc2012"] != sorted(lists["ilsvrc2012"]) or len(lists["ilsvrc2012"]) != 1000:
        raise SystemExit("imagenet_synsets.txt is not 1000 sorted wnids")

    def synset_of(wnid: str) -> Any:
        if len(wnid) != 9 or wnid[0] != "n" or not wnid[1:].isdigit():
            raise SystemExit(f"not a wnid: {wnid!r}")
        return wn.synset_from_pos_and_offset("n", int(wnid[1:]))

    seeds = {wnid for members in lists.values() for wnid in members}
    index: dict[int, Any] = {}
    todo = [synset_of(wnid) for wnid in sorted(seeds)]
    while todo:
        synset = todo.pop()
        if synset.offset() in index:
            continue
        index[synset.offset()] = synset
        todo.extend(synset.hypernyms() + synset.instance_hypernyms())

    class_index = {int(wnid[1:]): i for i, wnid in enumerate(lists["ilsvrc2012"])}
    devkit_ids = read_devkit_ids(set(lists["ilsvrc2012"]))
    offsets = sorted(index)
    in21k = {int(wnid[1:]) for wnid in lists["in21k-fall2011"]}
    beneath = subtree_members(index, set(class_index) | in21k)
    below = {o: (len(m & class_index.keys()), len(m & in21k)) for o, m in beneath.items()}
    keys: set[str] = set()

    if out.exists():
        out.unlink()
    db = sqlite3.connect(out)
    db.executescript(SCHEMA)
    for offset in offsets:
        s = index[offset]
        db.execute(
            "INSERT INTO synsets VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (offset, wnid_of(s), s.name(), s.lexname(), s.definition(),
             s.min_depth(), s.max_depth(), class_index.get(offset), devkit_ids.get(offset),
             *below[offset],
             len(s.hyponyms()) + len(s.instance_hyponyms())),
        )  # fmt: skip
        for position, lemma in enumerate(s.lemmas()):
            # Sense order of this lemma among WordNet's noun senses (index.noun order).
            senses = wn._lemma_pos_offset_map[lemma.name().lower()]["n"]
            key = lemma.name().lower().replace("_", " ")
            keys.add(key)
            db.execute(
                "INSERT INTO lemmas VALUES (?, ?, ?, ?, ?, ?)",
                (offset, position, lemma.name(), key, senses.index(offset) + 1, lemma.key()),
            )
        # NLTK keeps pointers in sets, so their order changes from run to run: sort.
        parents = sorted(
            [(h, 0) for h in s.hypernyms()] + [(h, 1) for h in s.instance_hypernyms()],
            key=lambda pair: (pair[1], pair[0].name()),
        )
        for position, (parent, instance) in enumerate(parents):
            db.execute(
                "INSERT INTO hypernyms VALUES (?, ?, ?, ?)",
                (offset, parent.offset(), instance, position),
            )
    described = [
        (name, title, f"timm {TIMM_VERSION} wheel, timm/data/_info/{filename}", desc)
        for name, title, filename, desc in TIMM_LISTS
    ] + [
        (name, title, f"fastai/imagenette, class folders of noisy_{name}.csv "
         f"(scripts/sources/{filename})", desc)
        for name, title, filename, desc in VENDORED_LISTS
    ]  # fmt: skip
    for position, (name, title, source, desc) in enumerate(described):
        members = lists[name]
        overlap = len(set(members) & set(lists["ilsvrc2012"]))
        db.execute(
            "INSERT INTO subsets VALUES (?, ?, ?, ?, ?, ?, ?)",
            (position, name, title, len(members), source, desc, overlap),
        )
        db.executemany(
            "INSERT INTO members VALUES (?, ?, ?)",
            [(position, i, int(wnid[1:])) for i, wnid in enumerate(members)],
        )
    db.executemany(
        "INSERT INTO classes_beneath VALUES (?, ?)",
        sorted(
            (offset, class_index[member])
            for offset, found in beneath.items()
            for member in found
            if member in class_index
        ),
    )
    torchvision_names = read_torchvision_categories(tv_wheel)
    simple_names = json.loads(SIMPLE_LABELS_FILE.read_text("utf-8"))
    if len(simple_names) != 1000:
        raise SystemExit(f"{SIMPLE_LABELS_FILE} does not hold 1000 names")
    db.executemany(
        "INSERT INTO class_names VALUES (?, ?, ?)",
        [
            (int(wnid[1:]), torchvision_names[i], simple_names[i])
            for i, wnid in enumerate(lists["ilsvrc2012"])
        ],
    )
    folder = find_wordnet_dir()
    exceptions = []
    for line in (folder / "noun.exc").read_text(encoding="utf-8").splitlines():
        form, *bases = line.split()
        for base in bases:
            if base.replace("_", " ") in keys:
                exceptions.append((form.replace("_", " "), base.replace("_", " ")))
    db.executemany("INSERT OR IGNORE INTO noun_exceptions VALUES (?, ?)", sorted(exceptions))
    nouns = sorted(s.offset() for s in wn.all_synsets("n"))
    packed = array("I", nouns)
    if sys.byteorder != "little":
        packed.byteswap()
    noun_keys = sorted({name.lower().replace("_", " ") for name in wn.all_lemma_names("n")})
    noun_names = sorted(s.name().lower() for s in wn.all_synsets("n"))
    db.execute(
        "INSERT INTO wordnet_nouns VALUES (?, ?, ?)",
        (
            packed.tobytes(),
            zlib.compress("\n".join(noun_keys).encode("utf-8"), 9),
            zlib.compress("\n".join(noun_names).encode("utf-8"), 9),
        ),
    )
    meta = {
        "wordnet_version": wn.get_version(),
        "wordnet_nouns": str(len(nouns)),
        # NLTK's taxonomy depth for nouns (_compute_max_depth("n", False)), used by
        # the Leacock-Chodorow similarity
        "noun_max_depth": str(wn._compute_max_depth("n", False)),
        "timm_version": TIMM_VERSION,
        "synsets": str(len(offsets)),
        "schema": SCHEMA_VERSION,
    }
    db.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
    db.commit()
    db.execute("VACUUM")
    db.close()
    return {"synsets": len(offsets), "lists": {k: len(v) for k, v in lists.items()}}


def _literal(node: ast.AST) -> Any:
    try:
        return ast.literal_eval(node)
    except ValueError:
        return None


def _meta_dict(node: ast.Dict, common: dict[str, ast.Dict]) -> dict[str, Any]:
    """A ``meta={...}`` literal; ``**_COMMON_META`` spreads the module's dict of that name."""
    meta: dict[str, Any] = {}
    for key, value in zip(node.keys, node.values, strict=True):
        if key is None:  # **_COMMON_META: merged in place, later keys override it
            if isinstance(value, ast.Name) and value.id in common:
                meta.update(_meta_dict(common[value.id], common))
            continue
        meta[ast.literal_eval(key)] = _literal(value)
    return meta


def _transform_size(call: ast.Call, name: str) -> int | None:
    """``crop_size`` or ``resize_size`` of ``transforms=partial(ImageClassification, ...)``."""
    for keyword in call.keywords:
        if keyword.arg == "transforms" and isinstance(keyword.value, ast.Call):
            for inner in keyword.value.keywords:
                if inner.arg == name:
                    value = _literal(inner.value)
                    return value if isinstance(value, int) else None
    return None


def _preset_defaults(wheel: zipfile.ZipFile) -> dict[str, Any]:
    """Keyword defaults of ``ImageClassification.__init__`` in torchvision/transforms/_presets.py.

    A weights entry that omits ``resize_size`` gets this default (256 in torchvision 0.29.1).
    """
    tree = ast.parse(wheel.read("torchvision/transforms/_presets.py").decode("utf-8"))
    cls = next(
        n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "ImageClassification"
    )
    init = next(n for n in cls.body if isinstance(n, ast.FunctionDef) and n.name == "__init__")
    args = init.args
    return {
        a.arg: _literal(d)
        for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True)
        if d is not None
    }


def read_torchvision(tv_wheel: Path) -> dict[str, Any]:
    """Classification weights of torchvision: ``{"ResNet50_Weights.IMAGENET1K_V1": {...}}``."""
    weights: dict[str, Any] = {}
    with zipfile.ZipFile(tv_wheel) as wheel:
        defaults = _preset_defaults(wheel)
        files = sorted(
            n for n in wheel.namelist()
            if n.startswith("torchvision/models/") and n.count("/") == 2 and n.endswith(".py")
        )  # fmt: skip
        for filename in files:
            tree = ast.parse(wheel.read(filename).decode("utf-8"))
            common = {
                stmt.targets[0].id: stmt.value
                for stmt in tree.body
                if isinstance(stmt, ast.Assign)
                and isinstance(stmt.targets[0], ast.Name)
                and isinstance(stmt.value, ast.Dict)
            }
            for cls in tree.body:
                if not (isinstance(cls, ast.ClassDef) and cls.name.endswith("_Weights")):
                    continue
                for stmt in cls.body:
                    if not (isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call)):
                        continue
                    call = stmt.value
                    meta_node = next((k.value for k in call.keywords if k.arg == "meta"), None)
                    if not isinstance(meta_node, ast.Dict):
                        continue
                    meta = _meta_dict(meta_node, common)
                    metrics = (meta.get("_metrics") or {}).get("ImageNet-1K")
                    if not metrics:
                        continue
                    target = stmt.targets[0]
                    assert isinstance(target, ast.Name)
                    weights[f"{cls.name}.{target.id}"] = {
                        "file": filename,
                        "num_params": meta.get("num_params"),
                        "acc@1": metrics.get("acc@1"),
                        "acc@5": metrics.get("acc@5"),
                        "gflops": meta.get("_ops"),
                        "file_size_mb": meta.get("_file_size"),
                        "crop_size": _transform_size(call, "crop_size"),
                        "resize_size": _transform_size(call, "resize_size")
                        or defaults["resize_size"],
                        "recipe": meta.get("recipe"),
                    }
    return dict(sorted(weights.items()))


def build_layout_maps(timm_wheel: Path, out: Path) -> int:
    """Write timm's index tables between layouts to ``out``, each checked against the lists
    (target wnid j == source wnid at the table's line j); return the number of tables."""
    names = {name: filename for name, _title, filename, _desc in TIMM_LISTS}
    maps = []
    with zipfile.ZipFile(timm_wheel) as wheel:
        for filename, source, target in TIMM_MAPS:
            indices = [int(line) for line in read_list(wheel, filename)]
            src, dst = read_list(wheel, names[source]), read_list(wheel, names[target])
            pairs = zip(indices, dst, strict=False)
            if len(indices) != len(dst) or any(src[i] != w for i, w in pairs):
                raise SystemExit(f"{filename} does not map {names[source]} to {names[target]}")
            maps.append({"source": source, "target": target, "file": filename,
                         "indices": indices})  # fmt: skip
    data = {
        "source": f"timm {TIMM_VERSION} wheel, timm/data/_info/*_indices.txt",
        "meaning": "indices[j] is the output of source that is output j of target",
        "maps": maps,
    }
    out.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    return len(maps)


def build_clip_names(open_clip_wheel: Path, out: Path) -> int:
    """Write the 1000 ImageNet class names of CLIP's zero-shot prompts (open_clip's
    ``IMAGENET_CLASSNAMES``, duplicates kept) to ``out``; return how many are repeated."""
    path = "open_clip/zero_shot_metadata.py"
    with zipfile.ZipFile(open_clip_wheel) as wheel:
        tree = ast.parse(wheel.read(path).decode("utf-8"))
    names = next(
        ast.literal_eval(stmt.value)
        for stmt in tree.body
        if isinstance(stmt, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == "IMAGENET_CLASSNAMES" for t in stmt.targets)
    )
    if len(names) != 1000:
        raise SystemExit(f"IMAGENET_CLASSNAMES of {path} does not hold 1000 names")
    repeated = sorted({n for n in names if names.count(n) > 1})
    data = {
        "source": f"open_clip_torch {OPEN_CLIP_VERSION} wheel, {path}, IMAGENET_CLASSNAMES",
        "duplicates": repeated,
        "names": list(names),
    }
    out.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return len(repeated)


def build(out_dir: Path, wheels: Path) -> dict[str, Any]:
    timm_wheel = fetch_wheel("timm", TIMM_VERSION, wheels)
    tv_wheel = fetch_wheel("torchvision", TORCHVISION_VERSION, wheels)
    clip_wheel = fetch_wheel("open_clip_torch", OPEN_CLIP_VERSION, wheels)
    summary = build_index(timm_wheel, out_dir / "imagenet.sqlite", tv_wheel)
    summary["layout_maps"] = build_layout_maps(timm_wheel, out_dir / "layout_maps.json")
    summary["clip_duplicates"] = build_clip_names(clip_wheel, out_dir / "clip_names.json")
    summary["open_clip_wheel_sha256"] = sha256(clip_wheel)
    tv = {
        "source": f"torchvision {TORCHVISION_VERSION} wheel, torchvision/models/*.py "
        "(WeightsEnum meta: num_params, _metrics ImageNet-1K acc@1/acc@5, _ops, _file_size; "
        "transforms: crop_size, resize_size)",
        "weights": read_torchvision(tv_wheel),
    }
    (out_dir / "torchvision_weights.json").write_text(
        json.dumps(tv, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    summary["timm_wheel_sha256"] = sha256(timm_wheel)
    summary["torchvision_wheel_sha256"] = sha256(tv_wheel)
    summary["torchvision_weights"] = len(tv["weights"])
    with zipfile.ZipFile(timm_wheel) as wheel:
        classes = read_list(wheel, "imagenet_synsets.txt")
    summary["eval"] = build_eval(out_dir, wheels, timm_wheel, classes)
    return summary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--wheels",
        type=Path,
        default=ROOT / "build" / "wheels",
        help="folder for the downloaded timm and torchvision wheels",
    )
    parser.add_argument(
        "--check", action="store_true", help="rebuild into a temp folder and compare with data/"
    )
    parser.add_argument(
        "--download-only",
        action="store_true",
        help="only download the source wheels (the data tests read them)",
    )
    args = parser.parse_args()  # fmt: skip
    args.wheels.mkdir(parents=True, exist_ok=True)
    if args.download_only:
        for package, version in (
            ("timm", TIMM_VERSION), ("torchvision", TORCHVISION_VERSION),
            ("open_clip_torch", OPEN_CLIP_VERSION),
        ):  # fmt: skip
            print(fetch_wheel(package, version, args.wheels))
        print(fetch_tfds(args.wheels))
        return 0
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            build(Path(tmp), args.wheels)
            names = [
                "imagenet.sqlite", "torchvision_weights.json", "layout_maps.json",
                "clip_names.json", *EVAL_FILES,
            ]  # fmt: skip
            _, mismatch, errors = filecmp.cmpfiles(tmp, ROOT / "data", names, shallow=False)
            if mismatch or errors:
                print(f"data/ differs from a rebuild: {mismatch + errors}")
                return 1
            print("data/ matches a rebuild from the sources")
            return 0
    summary = build(ROOT / "data", args.wheels)
    print(json.dumps(summary, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
