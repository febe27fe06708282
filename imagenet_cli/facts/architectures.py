"""Landmark ImageNet architectures: papers, variants, costs and accuracy, each sourced.

Data sources:
* ``data/architectures/<family>.json``: curated from the papers (tables named in each
  figure's ``source``);
* ``data/torchvision_weights.json``: torchvision's published weights metadata (params,
  top-1/top-5 accuracy, ``_ops``), read from the torchvision wheel by
  ``scripts/build_data.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple

from imagenet_cli._errors import EmptyInput, ImagenetError, NotFoundError
from imagenet_cli._resources import data_root, load_json

if TYPE_CHECKING:
    from imagenet_cli.facts.layers import NetworkCost
    from imagenet_cli.facts.timeline import Entry

TORCHVISION_FILE = "torchvision_weights.json"


class PaperResult(NamedTuple):
    """A result printed in the paper: errors in percent, with protocol and table."""

    top1_error: float | None
    top5_error: float | None
    protocol: str
    source: str


class LibraryWeights(NamedTuple):
    """A torchvision checkpoint: library-reproduced accuracy (percent) on ImageNet-1k val.

    ``gflops`` is torchvision's ``_ops`` figure, which its documentation labels GFLOPS.
    """

    name: str
    params: int
    top1: float
    top5: float
    gflops: float | None
    crop_size: int | None
    source: str
    recipe: str | None = None
    resize_size: int | None = None  # the shorter side is resized to this, then center-cropped

    @property
    def label(self) -> str:
        """What sets these weights apart from a paper's model: ``SWAG @518``, ``@299``, or ``""``.

        SWAG weights are, in torchvision's words, learnt "by end-to-end fine-tuning the
        original SWAG weights" (arXiv 2201.08371), so their accuracy is not the paper's; a
        crop other than 224 is named because accuracy depends on it.
        """
        parts = ["SWAG"] if "SWAG" in self.name else []
        if self.crop_size and self.crop_size != 224:
            parts.append(f"@{self.crop_size}")
        return " ".join(parts)


class PrintedFigure(NamedTuple):
    """A figure as a paper prints it: the value, its wording, and where.

    ``unit`` says what a cost counts in the source's own terms (``GFLOPs``, ``FLOPS``,
    ``operations``) when the source does not say they are multiply-adds.
    """

    value: float
    printed: str
    source: str
    unit: str | None = None


class DetectionResult(NamedTuple):
    """A detection result as printed (percent), with frames per second where given."""

    model: str
    dataset: str
    metric: str
    value: float
    fps: float | None
    latency_ms: float | None
    input_size: int | None
    protocol: str
    source: str


class Paper(NamedTuple):
    """A variant's own paper, when it is not the family's (MobileNetV2, YOLOv3 ...)."""

    title: str
    authors: tuple[str, ...]
    year: int
    venue: str
    arxiv: str | None
    bibtex: str
    bibtex_source: str | None


class Variant(NamedTuple):
    """One network of a family (ResNet-50 of ResNet).

    Attributes:
        macs: multiply-accumulates for one image at ``input_size``, where a source prints
            multiply-adds (``macs_source`` says which); None otherwise.
        cost_printed: a cost whose source does not say it counts multiply-adds (SENet's
            GFLOPs, EfficientNet's FLOPS, YOLO's operations), as printed.
        paper_params: the parameter count the paper prints (rounded there).
        weights: torchvision checkpoints, the library's default first.
        detection_results: for detectors (YOLO): results on VOC/COCO as printed.
        backbone: for detectors: the ImageNet-pretrained backbone's name, cost and results.
        paper: the variant's own paper when it differs from the family's.
        extra: every other field of the data file (notes, alternatives), for ``--json``.
    """

    id: str
    name: str
    aliases: tuple[str, ...]
    input_size: int | None
    macs: float | None
    macs_source: str | None
    cost_printed: PrintedFigure | None
    paper_params: PrintedFigure | None
    paper_results: tuple[PaperResult, ...]
    weights: tuple[LibraryWeights, ...]
    detection_results: tuple[DetectionResult, ...]
    backbone: dict[str, Any] | None
    paper: Paper | None
    extra: dict[str, Any]

    @property
    def params(self) -> int | None:
        """Exact parameter count of the reference implementation (torchvision), or None."""
        return self.weights[0].params if self.weights else None

    @property
    def headline(self) -> LibraryWeights | None:
        """The weights whose accuracy is quoted first: torchvision's default."""
        return self.weights[0] if self.weights else None

    @property
    def spec(self) -> dict[str, Any]:
        """Structural fields of the data file (depth, blocks per stage, growth rate ...)."""
        keys = ("depth", "block", "blocks_per_stage", "config", "paper_params_millions",
                "growth_rate", "width_multiplier", "patch_size", "layers", "hidden_size",
                "heads", "mlp_size")  # fmt: skip
        return {k: self.extra[k] for k in keys if k in self.extra}


class Architecture(NamedTuple):
    """A family of networks from one paper."""

    id: str
    name: str
    year: int
    authors: tuple[str, ...]
    title: str
    venue: str
    arxiv: str | None
    key_ideas: tuple[str, ...]
    bibtex: str
    ilsvrc: tuple[dict[str, Any], ...]
    sources: dict[str, str]
    variants: tuple[Variant, ...]
    headline: str | None  # id of the variant quoted in lists
    not_verified: tuple[str, ...] = ()

    @property
    def headline_variant(self) -> Variant | None:
        """The variant quoted in the family list (the data's choice, else the first)."""
        chosen = [v for v in self.variants if v.id == self.headline]
        return chosen[0] if chosen else (self.variants[0] if self.variants else None)


def _key(name: str) -> str:
    """Fold case, spaces, dashes and underscores: ``ResNet-50`` and ``resnet50`` agree."""
    return re.sub(r"[\s_\-]+", "", name.lower())


def _weights(name: str) -> LibraryWeights:
    data = load_json(TORCHVISION_FILE)
    meta = data["weights"][name]
    return LibraryWeights(
        name=name,
        params=meta["num_params"],
        top1=meta["acc@1"],
        top5=meta["acc@5"],
        gflops=meta["gflops"],
        crop_size=meta["crop_size"],
        source=f"torchvision 0.29.1, {meta['file']}, {name}",
        recipe=meta.get("recipe"),
        resize_size=meta.get("resize_size"),
    )


_VARIANT_FIELDS = {
    "id", "name", "aliases", "input_size", "macs", "macs_source", "cost_printed",
    "paper_params", "paper_results", "torchvision_weights", "detection_results", "backbone",
    "paper",
}  # fmt: skip


def _printed(raw: dict[str, Any] | None) -> PrintedFigure | None:
    if not raw:
        return None
    value = raw["value"]
    printed = raw.get("printed") or f"{value:g}"
    return PrintedFigure(value, printed, raw["source"], raw.get("unit"))


def _paper(raw: dict[str, Any] | None) -> Paper | None:
    if not raw:
        return None
    return Paper(
        title=raw["title"],
        authors=tuple(raw["authors"]),
        year=raw["year"],
        venue=raw["venue"],
        arxiv=raw.get("arxiv"),
        bibtex=raw["bibtex"],
        bibtex_source=raw.get("bibtex_source"),
    )


def _variant(raw: dict[str, Any]) -> Variant:
    return Variant(
        id=raw["id"],
        name=raw["name"],
        aliases=tuple(raw.get("aliases", ())),
        input_size=raw.get("input_size"),
        macs=raw.get("macs"),
        macs_source=raw.get("macs_source"),
        cost_printed=_printed(raw.get("cost_printed")),
        paper_params=_printed(raw.get("paper_params")),
        paper_results=tuple(PaperResult(**r) for r in raw.get("paper_results", ())),
        weights=tuple(_weights(w) for w in raw.get("torchvision_weights", ())),
        detection_results=tuple(
            DetectionResult(
                model=r.get("model", raw["name"]),
                dataset=r["dataset"],
                metric=r["metric"],
                value=r["value"],
                fps=r.get("fps"),
                latency_ms=r.get("latency_ms"),
                input_size=r.get("input_size"),
                protocol=r["protocol"],
                source=r["source"],
            )
            for r in raw.get("detection_results", ())
        ),
        backbone=raw.get("backbone"),
        paper=_paper(raw.get("paper")),
        extra={k: v for k, v in raw.items() if k not in _VARIANT_FIELDS},
    )


@cache
def _family_stems() -> tuple[str, ...]:
    """The family files' names without ``.json`` (a directory listing, no file read)."""
    folder = data_root() / "architectures"
    return tuple(sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".json")))


@cache
def _load_family(stem: str) -> Architecture:
    raw = load_json(f"architectures/{stem}.json")
    return Architecture(
        id=raw["id"],
        name=raw["name"],
        year=raw["year"],
        authors=tuple(raw["authors"]),
        title=raw["title"],
        venue=raw["venue"],
        arxiv=raw.get("arxiv"),
        key_ideas=tuple(raw["key_ideas"]),
        bibtex=raw["bibtex"],
        ilsvrc=tuple(raw.get("ilsvrc", ())),
        sources=dict(raw["sources"]),
        variants=tuple(_variant(v) for v in raw["variants"]),
        headline=raw.get("headline"),
        not_verified=tuple(raw.get("not_verified", ())),
    )


@cache
def list_architectures() -> tuple[Architecture, ...]:
    """Every bundled family, oldest first.

    Raises:
        DataMissingError: a data file is missing.
    """
    families = (_load_family(stem) for stem in _family_stems())
    return tuple(sorted(families, key=lambda a: (a.year, a.name)))


def _match(family: Architecture, wanted: str) -> tuple[Architecture, Variant | None] | None:
    if wanted in (_key(family.id), _key(family.name)):
        return family, None
    for variant in family.variants:
        if wanted in {_key(variant.id), _key(variant.name), *map(_key, variant.aliases)}:
            return family, variant
    return None


def get_architecture(name: str) -> tuple[Architecture, Variant | None]:
    """Find a family or one variant by name or alias, ignoring case, spaces and dashes.

    Only the files of the families whose id begins the name (``resnet`` for
    ``ResNet-50``, ``efficientnet_v2`` before ``efficientnet`` for ``efficientnet_v2_s``)
    are read first; any other name falls back to reading every family, in
    :func:`list_architectures` order.

    Args:
        name: ``resnet``, ``ResNet-50``, ``resnet50``, ``resnet_50`` ...

    Returns:
        ``(family, None)`` for a family, ``(family, variant)`` for a variant.

    Raises:
        NotFoundError: no family or variant has that name (suggests the closest).
    """
    wanted = _key(name.encode("utf-8", "surrogateescape").decode("utf-8", "replace"))
    if not wanted:
        raise EmptyInput("architecture name")
    likely = sorted(
        (stem for stem in _family_stems() if wanted.startswith(_key(stem))),
        key=lambda stem: -len(_key(stem)),
    )
    for stem in likely:
        found = _match(_load_family(stem), wanted)
        if found:
            return found
    known: list[str] = []
    for family in list_architectures():
        found = _match(family, wanted)
        if found:
            return found
        known += [family.id, *(variant.id for variant in family.variants)]
    covered = ", ".join(f.id for f in list_architectures())
    raise NotFoundError("architecture", name, known, hint=f"the families covered so far: {covered}")


class VariantCosts(NamedTuple):
    """What :func:`variant_layer_costs` found: the variant and its computed cost.

    ``backbone_of`` is the detector's id when ``cost`` is that detector's ImageNet
    backbone (YOLOv3: Darknet-53), else None.
    """

    family: Architecture
    variant: Variant
    cost: NetworkCost
    backbone_of: str | None


def _backbone_spec(variant: Variant) -> str | None:
    """The layer spec id of a detector's ImageNet backbone (YOLOv3: ``darknet53``), if any."""
    spec = (variant.backbone or {}).get("spec")
    return spec if isinstance(spec, str) else None


def variant_layer_costs(
    name: str, input_size: int | tuple[int, int] | None = None, detail: bool = False
) -> VariantCosts:
    """Params and MACs of one variant computed from its layer spec (``arch layers NAME``).

    Reads only that family's files. A detector (YOLOv2, YOLOv3) gives its ImageNet
    backbone's cost (Darknet-19, Darknet-53), flagged by ``backbone_of``.

    Args:
        name: a variant (``resnet50``, ``ResNet-50``, ``darknet53``), or a family named like
            its only spec'd variant (``alexnet``, ``googlenet``).
        input_size: the input side, or ``(height, width)``, in pixels; None for the spec's
            own (the crop of the variant's default torchvision weights, 224 mostly).
        detail: also list every layer (``NetworkCost.layers``).

    Returns:
        The family, the variant and a :class:`~imagenet_cli.facts.layers.NetworkCost`
        (params exact; MACs as defined in :mod:`imagenet_cli.facts.layers`).

    Raises:
        NotFoundError: no family or variant has that name.
        ImagenetError: a family with several variants, a variant without a spec, or an
            input size the network cannot take (too small, or not a multiple of a
            window or partition).
    """
    from imagenet_cli.facts.layers import family_specs, spec_costs, spec_ids

    family, variant = get_architecture(name)
    specs = family_specs(family.id)
    if variant is None:  # a family named like one of its variants (alexnet, googlenet)
        variant = next((v for v in family.variants if v.id == family.id), None)
    if variant is None:
        with_specs = [v.id for v in family.variants if v.id in specs]
        hint = (
            f"pick one: {', '.join(with_specs)}"
            if with_specs
            else f"none of its variants has a layer spec yet; specs exist for "
            f"{', '.join(sorted(spec_ids()))}"
        )
        raise ImagenetError(f"layers shows one variant, and {family.id} is a family", hint=hint)
    if variant.id in specs:
        return VariantCosts(
            family, variant, spec_costs(specs[variant.id], input_size, detail), None
        )
    backbone = _backbone_spec(variant)
    if backbone in specs:
        cost = spec_costs(specs[backbone], input_size, detail)
        return VariantCosts(family, variant, cost, variant.id)
    why = variant.extra.get("no_layer_spec")
    siblings = [v.id for v in family.variants if v.id in specs]
    hint = (
        f"{family.name} specs exist for {', '.join(siblings)}"
        if siblings
        else f"specs exist for {len(spec_ids())} variants of other families (imagenet arch list)"
    )
    raise ImagenetError(
        f"no layer spec for {variant.name}" + (f": {why}" if why else " yet"), hint=hint
    )


def computed_costs(variants: Iterable[tuple[str, Variant]]) -> dict[str, NetworkCost]:
    """Costs computed from the layer specs, for the variants that have one.

    Args:
        variants: ``(family id, variant)`` pairs; only those families' spec files are read.

    Returns:
        ``{variant id: NetworkCost}`` at each spec's own input size (see
        :mod:`imagenet_cli.facts.layers` for what params and MACs count).
    """
    from imagenet_cli.facts.layers import family_specs, spec_costs

    found: dict[str, NetworkCost] = {}
    for family, variant in variants:
        spec = family_specs(family).get(variant.id)
        if spec is not None:
            found[variant.id] = spec_costs(spec)
    return found


def ilsvrc_results(family_id: str) -> list[Entry]:
    """The contest results ``data/timeline.json`` credits to this family's architecture.

    The arch views read them here so that they never disagree with ``imagenet timeline``.
    """
    from imagenet_cli.facts.timeline import load_timeline

    return [e for e in load_timeline() if e.kind == "result" and e.architecture == family_id]
