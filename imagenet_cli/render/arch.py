"""Rich views and records of architecture families and variants."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from imagenet_cli.model.architectures import Architecture, Variant


def _num(value: float | int | None, fmt: str = "{:,}") -> str:
    return "—" if value is None else fmt.format(value)


def _giga(value: float | None) -> str:
    return "—" if value is None else f"{value / 1e9:.1f} G"


def variant_record(variant: Variant) -> dict[str, Any]:
    """A variant as a JSON-ready dict (documented keys, plus every weight and result)."""
    head = variant.headline
    return {
        "id": variant.id,
        "name": variant.name,
        "params": variant.params,
        "params_source": head.source if head else None,
        "macs": variant.macs,
        "macs_source": variant.macs_source,
        "input_size": variant.input_size,
        "top1": head.top1 if head else None,
        "top5": head.top5 if head else None,
        "accuracy_source": (
            f"{head.source} (library-reproduced, single {head.crop_size}px center crop)"
            if head
            else None
        ),
        "weights": [asdict(w) for w in variant.weights],
        "paper_results": [asdict(r) for r in variant.paper_results],
        **variant.spec,
    }


def family_record(family: Architecture, only: Variant | None = None) -> dict[str, Any]:
    """A family (or one of its variants, with the family's paper) as a JSON-ready dict."""
    variants = (only,) if only else family.variants
    return {
        "id": only.id if only else family.id,
        "name": only.name if only else family.name,
        "family": family.id,
        "year": family.year,
        "authors": list(family.authors),
        "title": family.title,
        "venue": family.venue,
        "arxiv": family.arxiv,
        "key_ideas": list(family.key_ideas),
        "bibtex": family.bibtex,
        "ilsvrc": list(family.ilsvrc),
        "sources": family.sources,
        "variants": [variant_record(v) for v in variants],
    }


def families_table(families: tuple[Architecture, ...]) -> Table:
    """One row per family: year, paper, headline variant, params and top-1."""
    table = Table(title=Text("Architectures"), title_justify="left")
    table.add_column("family", style="bold cyan", no_wrap=True)
    table.add_column("year", justify="right")
    table.add_column("paper")
    table.add_column("variants")
    table.add_column("headline")
    table.add_column("params", justify="right", no_wrap=True)
    table.add_column("top-1 %", justify="right", no_wrap=True)
    for family in families:
        head = family.headline_variant
        table.add_row(
            family.id,
            str(family.year),
            Text(family.title),
            Text(", ".join(v.name for v in family.variants)),
            head.name if head else "—",
            _num(head.params) if head else "—",
            _num(head.headline.top1, "{:.3f}") if head and head.headline else "—",
        )
    table.caption = Text(
        "params and top-1: torchvision's default weights (library-reproduced). "
        "Details: imagenet arch NAME"
    )
    table.caption_justify = "left"
    return table


def family_view(family: Architecture, only: Variant | None = None) -> RenderableType:
    """Paper, key ideas, ILSVRC results, then variant and paper-result tables."""
    variants = (only,) if only else family.variants
    title = Text(only.name if only else family.name, style="bold")
    title.append(f"  ({family.year})", style="dim")
    head = Text()
    head.append(family.title, style="italic")
    head.append(f"\n{', '.join(family.authors)}. {family.venue}.")
    if family.arxiv:
        head.append(f" arXiv:{family.arxiv}")
    ideas = Table.grid(padding=(0, 1))
    ideas.add_column(no_wrap=True)
    ideas.add_column()
    for idea in family.key_ideas:
        ideas.add_row(" •", Text(idea))
    parts: list[RenderableType] = [title, head, Text(""), Text("Key ideas", style="bold"), ideas]
    for result in family.ilsvrc:
        parts.append(
            Text(
                f"\nILSVRC {result['year']}: rank {result['rank']} in classification, "
                f"{result['top5_error']}% top-5 error ({result['protocol']}; {result['source']})"
            )
        )
    if only and only.spec:
        spec = only.spec
        parts.append(
            Text(
                f"\nLayout: {spec.get('depth')} layers, {spec.get('block')} blocks, "
                f"blocks per stage {spec.get('blocks_per_stage')}"
            )
        )

    models = Table(title=Text("Variants"), title_justify="left")
    models.add_column("variant", style="bold cyan", no_wrap=True)
    models.add_column("params", justify="right", no_wrap=True)
    models.add_column("MACs", justify="right", no_wrap=True)
    models.add_column("top-1 %", justify="right", no_wrap=True)
    models.add_column("top-5 %", justify="right", no_wrap=True)
    models.add_column("tv GFLOPS", justify="right", no_wrap=True)
    models.add_column("torchvision weights", no_wrap=True)
    for variant in variants:
        rows = variant.weights or (None,)
        for i, weights in enumerate(rows):
            models.add_row(
                variant.name if i == 0 else "",
                _num(weights.params) if weights else "—",
                (_giga(variant.macs) if i == 0 else ""),
                _num(weights.top1, "{:.3f}") if weights else "—",
                _num(weights.top5, "{:.3f}") if weights else "—",
                _num(weights.gflops, "{:.3f}") if weights else "—",
                Text(weights.name.replace("_Weights.", " ") + (" *" if i == 0 else ""))
                if weights
                else "—",
            )
    models.caption = Text(
        "params: torchvision num_params of each weights' model (exact). MACs: multiply-adds per "
        "224x224 image, from a paper (the source is in --json). top-1/top-5: accuracy of "
        "torchvision's weights on "
        "ImageNet-1k val, single center crop (library-reproduced). tv GFLOPS: torchvision's "
        "_ops figure for its own implementation, as its metadata labels it. Weights: torchvision's "
        "enum and member (ResNet50 IMAGENET1K_V2 is ResNet50_Weights.IMAGENET1K_V2); * default."
    )
    models.caption_justify = "left"

    paper = Table(title=Text("Paper results (error, %)"), title_justify="left")
    paper.add_column("variant", style="bold cyan", no_wrap=True)
    paper.add_column("top-1 err", justify="right", no_wrap=True)
    paper.add_column("top-5 err", justify="right", no_wrap=True)
    paper.add_column("protocol")
    paper.add_column("source")
    for variant in variants:
        for i, reported in enumerate(variant.paper_results):
            paper.add_row(
                variant.name if i == 0 else "",
                _num(reported.top1_error, "{:.2f}"),
                _num(reported.top5_error, "{:.2f}"),
                Text(reported.protocol),
                Text(reported.source),
            )
    parts += [Text(""), models, paper]
    if "torchvision_v1_5" in family.sources:
        parts.append(Text(f"Note: {family.sources['torchvision_v1_5']}", style="dim"))
    return Group(*parts)
