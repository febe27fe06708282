"""Scoring predictions: accuracy on the original and ReaL labels, and how bad the mistakes are.

Definitions:

* top-k accuracy: an image is right at k if its label is among its k highest-ranked
  *distinct* guesses (a repeated guess counts once).
* ReaL accuracy (Beyer et al. 2020, arXiv 2006.07159): right if a guess is among the
  image's ReaL labels; images without a ReaL label are left out, as the paper does (and
  as timm's ``timm/data/real_labels.py`` computes it).
* mistake severity and hierarchical distance@k follow Bertinetto et al., *Making Better
  Mistakes* (CVPR 2020, arXiv 1912.09393), as computed in their code
  (fiveai/making-better-mistakes, ``better_mistakes/model/run_xent.py`` and
  ``run_nn.py`` at commit f0bb7d0a7c4a9c7c9517045a4be4446e9baf824f): the *mistake
  severity* is the mean lca-height distance between the top-1 guess and the label over the
  images whose top-1 guess is wrong; *hierarchical distance@k* is the mean, over all
  images, of the mean distance between the label and each of the k best guesses (0 for a
  right guess).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from imagenet_cli._errors import ImagenetError
from imagenet_cli.eval.distances import DistanceMatrix, distance_matrix
from imagenet_cli.eval.predictions import Predictions, paused_gc, read_predictions, to_index
from imagenet_cli.index.classes import Scheme

LABEL_SETS = ("original", "real")
SUBSETS = ("imagenet-a", "imagenet-r")
HDIST_K = (1, 5, 20)


@dataclass(frozen=True, slots=True)
class Accuracy:
    """Accuracy on one label set, in percent.

    Attributes:
        labels: ``original`` (the ILSVRC-2012 validation labels), ``targets`` (the file's
            own target column, which then stands for them) or ``real``.
        n: images scored.
        left_out: images not scored: no ReaL label, or a label outside ``--subset``.
        top1: percent right at k = 1 (``None`` when no image could be scored: ReaL with
            none of the images labelled).
        top5: percent right at k = 5 (``None`` with fewer than 5 guesses per image).
    """

    labels: str
    n: int
    left_out: int
    top1: float | None
    top5: float | None


@dataclass(frozen=True, slots=True)
class ClassResult:
    """One class's top-1 accuracy and the guess most often made instead."""

    index: int
    wnid: str
    name: str
    n: int
    top1: float
    confused_with: str | None
    confused_count: int


@dataclass(frozen=True, slots=True)
class MistakeGroup:
    """Top-1 mistakes whose label and guess meet at the same lowest common hypernym."""

    wnid: str
    name: str
    mistakes: int
    share: float  # percent of all top-1 mistakes
    severity: int  # their lca-height distance


@dataclass(frozen=True, slots=True)
class Evaluation:
    """Everything ``imagenet eval`` reports.

    Attributes:
        source: the predictions file.
        rows: rows read.
        guesses: guesses per row available (the file's k, or those kept from scores).
        scheme: numbering the file was read with.
        subset: ``imagenet-a``/``imagenet-r`` or ``None``.
        accuracies: one :class:`Accuracy` per label set asked for.
        mistakes: top-1 mistakes on the original labels.
        mistake_severity: their mean lca-height distance (``None`` without mistakes).
        hierarchical_distance: ``(k, mean distance of the k best guesses)`` pairs.
        height: ``H`` of the lca-height distance.
        worst_classes: classes with the lowest top-1 accuracy, worst first.
        mistake_groups: top-1 mistakes grouped by lowest common hypernym, largest first.
        warnings: what looks wrong (a numbering mix-up, ReaL not available, ...).
    """

    source: str
    rows: int
    guesses: int
    scheme: str
    subset: str | None
    accuracies: tuple[Accuracy, ...]
    mistakes: int
    mistake_severity: float | None
    hierarchical_distance: tuple[tuple[int, float], ...]
    height: int
    worst_classes: tuple[ClassResult, ...]
    mistake_groups: tuple[MistakeGroup, ...]
    warnings: tuple[str, ...]


def _subset_indices(subset: str | None) -> frozenset[int] | None:
    if subset is None:
        return None
    if subset not in SUBSETS:
        from imagenet_cli._errors import NotFoundError

        raise NotFoundError("subset", subset, SUBSETS, hint="choose imagenet-a or imagenet-r")
    from imagenet_cli.index.classes import classes_in

    return frozenset(c.index for c in classes_in(subset))


def _parse_labels(labels: Sequence[str] | str) -> tuple[str, ...]:
    wanted = [labels] if isinstance(labels, str) else list(labels)
    parts = tuple(dict.fromkeys(p.strip() for w in wanted for p in w.split(",") if p.strip()))
    unknown = [p for p in parts if p not in LABEL_SETS]
    if unknown or not parts:
        from imagenet_cli._errors import NotFoundError

        raise NotFoundError("label set", unknown[0] if unknown else "", LABEL_SETS,
                            hint="choose original, real or both: original,real")  # fmt: skip
    return parts


def mistake_severity(
    targets: Sequence[int], guesses: Sequence[int], distances: DistanceMatrix | None = None
) -> float | None:
    """Mean distance between label and top-1 guess over the wrong guesses (MBM's
    "hierarchical distance of a mistake"; see the module docstring).

    Args:
        targets: true class indices (0-999), one per image.
        guesses: top-1 guesses, class indices, one per image.
        distances: a 1000-class matrix in index order (default: lca-height on WordNet 3.0).

    Returns:
        The mean, or ``None`` when every guess is right.

    Raises:
        ImagenetError: the sequences differ in length, or a value is outside 0-999.
    """
    if len(targets) != len(guesses):
        raise ImagenetError(f"{len(targets)} targets but {len(guesses)} guesses")
    matrix = _matrix(distances)
    values = matrix.values
    total = 0.0
    wrong = 0
    for t, g in zip(targets, guesses, strict=True):
        if not (0 <= t < 1000 and 0 <= g < 1000):
            raise ImagenetError(f"class indices run from 0 to 999, not {t if g == t else g}")
        if t != g:
            wrong += 1
            total += values[t * 1000 + g]
    return total / wrong if wrong else None


def _matrix(distances: DistanceMatrix | None) -> DistanceMatrix:
    matrix = distances if distances is not None else distance_matrix()
    if matrix.size != 1000:
        raise ImagenetError("scoring needs a distance matrix of the 1000 classes, index order")
    return matrix


def evaluate(
    predictions: Predictions | str | os.PathLike[str],
    *,
    labels: Sequence[str] | str = LABEL_SETS,
    scheme: Scheme | str = Scheme.INDEX,
    subset: str | None = None,
    distances: DistanceMatrix | None = None,
    worst: int = 10,
    groups: int = 10,
) -> Evaluation:
    """Score predictions against the validation labels (or the file's targets), the ReaL
    labels and the WordNet hierarchy.

    Args:
        predictions: a predictions CSV or scores file (see
            :mod:`imagenet_cli.eval.predictions`), or :class:`Predictions` already read.
        labels: label sets, ``original`` and/or ``real`` (a list or ``"original,real"``).
        scheme: numbering of integer classes in the file.
        subset: ``imagenet-a`` or ``imagenet-r``: rank only those 200 classes and score
            only images labelled with one of them.
        distances: the 1000-class matrix for severity (default: lca-height, WordNet 3.0).
        worst: how many worst classes to list.
        groups: how many lowest-common-hypernym groups of mistakes to list.

    Returns:
        An :class:`Evaluation` (accuracies in percent).

    Raises:
        ImagenetError: unreadable or malformed predictions (see :func:`read_predictions`),
            an unknown label set or subset.
    """
    with paused_gc():
        return _evaluate(predictions, labels, scheme, subset, distances, worst, groups)


def _evaluate(
    predictions: Predictions | str | os.PathLike[str],
    labels: Sequence[str] | str,
    scheme: Scheme | str,
    subset: str | None,
    distances: DistanceMatrix | None,
    worst: int,
    groups: int,
) -> Evaluation:
    wanted = _parse_labels(labels)
    try:
        scheme = Scheme(scheme)
    except ValueError:
        raise ImagenetError(f"no numbering scheme {scheme!r}") from None
    allowed = _subset_indices(subset)
    if not isinstance(predictions, Predictions):
        predictions = read_predictions(
            predictions, scheme, sorted(allowed) if allowed is not None else None
        )
    from imagenet_cli.eval.labels import val_labels

    p = predictions
    if "original" not in wanted and p.images is None:
        raise ImagenetError(
            "ReaL labels need validation images, and the file has no 'image' column",
            hint="score its targets with --labels original",
        )
    warnings: list[str] = []
    if p.targets is not None:
        targets: Sequence[int] = p.targets
        if p.images is not None:
            from imagenet_cli.eval.labels import val_labels

            val = val_labels()
            differ = sum(1 for n, t in zip(p.images, p.targets, strict=True) if val[n - 1] != t)
            if differ:
                warnings.append(
                    f"the target column differs from the validation label of {differ:,} "
                    f"image{'s' * (differ != 1)}; accuracy is scored against the targets"
                )
    else:
        assert p.images is not None
        val = val_labels()
        targets = [val[n - 1] for n in p.images]
    guesses: Sequence[tuple[int, ...]] = p.guesses
    if allowed is not None:
        guesses = [tuple(g for g in row if g in allowed) for row in guesses]
    k = p.columns
    accuracies: list[Accuracy] = []
    matrix = _matrix(distances)
    values = bytes(matrix.values) if matrix.values.typecode == "B" else matrix.values
    height = matrix.height or 0

    # the original labels: accuracy, severity, distance@k, per class, groups
    scored = [i for i, t in enumerate(targets) if allowed is None or t in allowed]
    n = len(scored)
    if n == 0:
        raise ImagenetError(f"no row has a label among the classes of {subset}")
    right1 = right5 = 0
    hdist_ks = [h for h in HDIST_K if h <= k]
    sums = [0.0] * len(hdist_ks)
    per_class = [0] * 1000
    for c, count in Counter(targets[i] for i in scored).items():
        per_class[c] = count
    per_class_right = [0] * 1000
    wrong: dict[int, int] = {}  # label * 1000 + top-1 guess -> images
    no_guess = 0  # rows whose every guess fell outside --subset: wrong, at distance H
    rows_of = [values[c * 1000 : c * 1000 + 1000] for c in range(1000)]
    for i in scored:
        t = targets[i]
        g = guesses[i]
        if not g:  # every guess fell outside --subset
            sums = [s + height for s in sums]
            no_guess += 1
            continue
        first = g[0]
        if first == t:
            right1 += 1
            right5 += 1
            per_class_right[t] += 1
        else:
            key = t * 1000 + first
            wrong[key] = wrong.get(key, 0) + 1
            if t in g[1:5]:
                right5 += 1
        row = rows_of[t]
        for x, h in enumerate(hdist_ks):
            if h == 1:
                sums[x] += row[first]
            else:
                top = g[:h]
                sums[x] += sum(map(row.__getitem__, top)) / len(top)
    hdist = dict(zip(hdist_ks, sums, strict=True))
    confusions: Counter[tuple[int, int]] = Counter(
        {divmod(key, 1000): count for key, count in wrong.items()}
    )
    reference = "targets" if p.targets is not None else "original"  # what was scored against
    accuracy = Accuracy(reference, n, len(targets) - n, 100.0 * right1 / n,
                        100.0 * right5 / n if k >= 5 else None)  # fmt: skip
    mistakes = sum(confusions.values()) + no_guess
    severity = (
        (sum(values[t * 1000 + g] * c for (t, g), c in confusions.items()) + no_guess * height)
        / mistakes
        if mistakes
        else None
    )
    if no_guess:
        warnings.append(
            f"{no_guess:,} row{'s' * (no_guess != 1)} had no guess among the classes of "
            f"{subset}: counted as mistakes at the largest distance, {height}"
        )
    if "original" in wanted:
        accuracies.append(accuracy)
    if "real" in wanted:
        if p.images is None:
            warnings.append("ReaL accuracy needs validation images: the file has no 'image' column")
        else:
            accuracies.append(_real(p.images, guesses, allowed, k))
    warnings.extend(_diagnose(p, targets, accuracy.top1 or 0.0))
    return Evaluation(
        source=p.source,
        rows=len(p.guesses),
        guesses=k,
        scheme=p.scheme.value,
        subset=subset,
        accuracies=tuple(accuracies),
        mistakes=mistakes,
        mistake_severity=severity,
        hierarchical_distance=tuple((h, hdist[h] / n) for h in hdist_ks),
        height=matrix.height or 0,
        worst_classes=_worst(per_class, per_class_right, confusions, worst),
        mistake_groups=_groups(confusions, mistakes, values, groups),
        warnings=tuple(warnings),
    )


def _real(
    images: Sequence[int], guesses: Sequence[tuple[int, ...]], allowed: frozenset[int] | None,
    k: int,
) -> Accuracy:  # fmt: skip
    from imagenet_cli.eval.labels import real_labels

    real = real_labels()
    n = right1 = right5 = 0
    for number, g in zip(images, guesses, strict=True):
        ok: Sequence[int] = real[number - 1]
        if allowed is not None:
            ok = [c for c in ok if c in allowed]
        if not ok:
            continue
        n += 1
        if g and g[0] in ok:
            right1 += 1
            right5 += 1
        elif any(map(ok.__contains__, g[1:5])):
            right5 += 1
    if n == 0:
        return Accuracy("real", 0, len(images), None, None)
    return Accuracy("real", n, len(images) - n, 100.0 * right1 / n,
                    100.0 * right5 / n if k >= 5 else None)  # fmt: skip


def _diagnose(p: Predictions, targets: Sequence[int], top1: float) -> list[str]:
    """Explain a near-chance top-1 that another numbering would not give."""
    if p.raw_first is None or len(p.raw_first) < 100 or top1 >= 5.0:
        return []
    found = []
    for other in Scheme:
        if other is p.scheme:
            continue
        if p.raw_targets is not None:
            truth = [to_index(v, other) for v in p.raw_targets]
        else:
            truth = list(targets)
        hits = sum(
            1 for v, t in zip(p.raw_first, truth, strict=True)
            if t is not None and to_index(v, other) == t
        )  # fmt: skip
        rate = 100.0 * hits / len(p.raw_first)
        if rate >= max(4 * top1, 10.0):
            found.append((rate, -list(Scheme).index(other), other))
    if not found:
        return []
    rate, _, best = max(found)  # on a tie one-based comes before tf-slim
    devkit = " (devkit ILSVRC2012_IDs, not model indices)" if best is Scheme.DEVKIT else ""
    return [
        f"top-1 is {top1:.2f}% reading the classes as {p.scheme.value} numbers, but "
        f"{rate:.2f}% reading them as {best.value} numbers{devkit}: "
        f"rerun with --scheme {best.value}"
    ]


def _worst(
    per_class: list[int], right: list[int], confusions: Counter[tuple[int, int]],
    count: int,
) -> tuple[ClassResult, ...]:  # fmt: skip
    from imagenet_cli.index.classes import all_classes

    classes = all_classes()
    top_confusion: dict[int, tuple[int, int]] = {}
    for (t, g), c in confusions.items():
        best = top_confusion.get(t)
        if best is None or (c, -g) > (best[1], -best[0]):
            top_confusion[t] = (g, c)
    present = [t for t in range(1000) if per_class[t]]
    ranked = sorted(present, key=lambda t: (right[t] / per_class[t], t))[:count]
    out = []
    for t in ranked:
        guess, times = top_confusion.get(t, (None, 0))
        out.append(ClassResult(t, classes[t].wnid, classes[t].simple_name, per_class[t],
                               100.0 * right[t] / per_class[t],
                               classes[guess].simple_name if guess is not None else None,
                               times))  # fmt: skip
    return tuple(out)


def _groups(
    confusions: Counter[tuple[int, int]], mistakes: int, values: Any, count: int
) -> tuple[MistakeGroup, ...]:
    if not mistakes or count <= 0:
        return ()
    above, depth, names = _class_ancestors()
    by_lca: Counter[int] = Counter()
    severity: dict[int, int] = {}
    for (t, g), c in confusions.items():
        common = above[t] & above[g]
        deepest = max(depth[o] for o in common)
        lca = min((o for o in common if depth[o] == deepest), key=names.__getitem__)
        by_lca[lca] += c
        severity[lca] = values[t * 1000 + g]
    ranked = sorted(by_lca.items(), key=lambda item: (-item[1], names[item[0]]))
    return tuple(
        MistakeGroup(f"n{o:08d}", names[o], c, 100.0 * c / mistakes, severity[o])
        for o, c in ranked[:count]
    )


def _class_ancestors() -> tuple[list[frozenset[int]], dict[int, int], dict[int, str]]:
    """Each class's hypernym closure (itself included, instance hypernyms too), and the
    max_depth and WordNet name of every synset in them: two queries on the index."""
    from imagenet_cli.index import _queries as q

    parents: dict[int, list[int]] = {}
    for child, parent in q.class_closure_edges():
        parents.setdefault(child, []).append(parent)
    depth: dict[int, int] = {}
    names: dict[int, str] = {}
    classes: list[int] = [0] * 1000
    for offset, index, high, name in q.class_closure_nodes():
        depth[offset] = high
        names[offset] = name
        if index is not None:
            classes[index] = offset
    closure: dict[int, frozenset[int]] = {}

    def up(offset: int) -> frozenset[int]:
        found = closure.get(offset)
        if found is None:
            found = frozenset({offset}).union(*(up(p) for p in parents.get(offset, ())))
            closure[offset] = found
        return found

    return [up(o) for o in classes], depth, names
