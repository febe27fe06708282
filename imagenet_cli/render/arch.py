"""Rich views and records of architecture families, variants, layer tables and comparisons."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from imagenet_cli.model.architectures import Architecture, Variant
from imagenet_cli.model.layers import NetworkCost

MACS_CONVENTION = (
    "multiply-accumulates of convolutions and linear layers for one image (BatchNorm, "
    "activations, pooling and additions not counted), the convention of torchvision's _ops"
)


def _num(value: float | int | None, fmt: str = "{:,}") -> str:
    return "—" if value is None else fmt.format(value)


def _giga(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "—"
    if value < 1e9:
        return f"{value / 1e6:.0f} M"
    return f"{value / 1e9:.{digits}f} G"


def _short(value: int) -> str:
    """``25.6 M``, ``9.5 K``: for per-stage cells."""
    for size, unit in ((1e9, "G"), (1e6, "M"), (1e3, "K")):
        if value >= size:
            return f"{value / size:.1f} {unit}"
    return str(value)


def _shape(shape: tuple[int, int, int]) -> str:
    c, h, w = shape
    return f"{c}" if (h, w) == (1, 1) else f"{c}x{h}x{w}"


def cost_record(cost: NetworkCost | None) -> dict[str, Any] | None:
    """A computed cost as JSON: totals, input, per stage."""
    if cost is None:
        return None
    return {
        "input_shape": list(cost.input_shape),
        "params": cost.params,
        "macs": cost.macs,
        "macs_convention": MACS_CONVENTION,
        "spec_source": cost.spec.source,
        "stages": [
            {
                "name": s.name,
                "layers": s.description,
                "output_shape": list(s.output_shape),
                "params": s.params,
                "macs": s.macs,
            }
            for s in cost.stages
        ],
    }


def variant_record(variant: Variant, cost: NetworkCost | None = None) -> dict[str, Any]:
    """A variant as a JSON-ready dict (documented keys, plus every weight and result).

    ``params`` is exact: torchvision's ``num_params`` when torchvision has the model, else
    the count computed from the layer spec; ``params_source`` says which.
    """
    head = variant.headline
    if head is not None:
        params, params_source = head.params, f"{head.source} (num_params)"
    elif cost is not None:
        params, params_source = cost.params, f"computed from the layer spec ({cost.spec.source})"
    else:
        params, params_source = None, None
    return {
        "id": variant.id,
        "name": variant.name,
        "params": params,
        "params_source": params_source,
        "paper_params": asdict(variant.paper_params) if variant.paper_params else None,
        "macs": variant.macs,
        "macs_source": variant.macs_source,
        "cost_printed": asdict(variant.cost_printed) if variant.cost_printed else None,
        "computed": cost_record(cost),
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
        "detection_results": [asdict(r) for r in variant.detection_results],
        "backbone": variant.backbone,
        "paper": asdict(variant.paper) if variant.paper else None,
        **variant.extra,
    }


def family_record(
    family: Architecture,
    only: Variant | None = None,
    costs: dict[str, NetworkCost] | None = None,
) -> dict[str, Any]:
    """A family (or one variant, with its own paper when it has one) as a JSON-ready dict."""
    variants = (only,) if only else family.variants
    paper = only.paper if only and only.paper else None
    found = costs or {}
    return {
        "id": only.id if only else family.id,
        "name": only.name if only else family.name,
        "family": family.id,
        "year": paper.year if paper else family.year,
        "authors": list(paper.authors if paper else family.authors),
        "title": paper.title if paper else family.title,
        "venue": paper.venue if paper else family.venue,
        "arxiv": paper.arxiv if paper else family.arxiv,
        "key_ideas": list(family.key_ideas),
        "bibtex": paper.bibtex if paper else family.bibtex,
        "ilsvrc": list(family.ilsvrc),
        "sources": family.sources,
        "not_verified": list(family.not_verified),
        "variants": [variant_record(v, found.get(v.id)) for v in variants],
    }


def _top1(variant: Variant) -> str:
    head = variant.headline
    if head is not None:
        return f"{head.top1:.3f}"
    best = [r.top1_error for r in variant.paper_results if r.top1_error is not None]
    return f"{100 - best[0]:.2f} p" if best else "—"


def _params_cell(variant: Variant, cost: NetworkCost | None) -> str:
    if variant.params is not None:
        return f"{variant.params:,}"
    if cost is not None:
        return f"{cost.params:,} c"
    if variant.paper_params is not None:
        return f"{variant.paper_params.printed} p"
    return "—"


def families_table(
    families: tuple[Architecture, ...], costs: dict[str, NetworkCost] | None = None
) -> Table:
    """One row per family: year, headline variant, params and top-1, and its variants."""
    found = costs or {}
    table = Table(title=Text("Architectures"), title_justify="left")
    table.add_column("family", style="bold cyan", no_wrap=True)
    table.add_column("year", justify="right")
    table.add_column("headline", no_wrap=True)
    table.add_column("params", justify="right", no_wrap=True)
    table.add_column("top-1 %", justify="right", no_wrap=True)
    table.add_column("variants")
    for family in families:
        head = family.headline_variant
        others = [v.id for v in family.variants if head is None or v.id != head.id]
        table.add_row(
            family.id,
            str(family.year),
            head.name if head else "—",
            _params_cell(head, found.get(head.id)) if head else "—",
            _top1(head) if head else "—",
            Text(", ".join(others) or "—"),
        )
    table.caption = Text(
        "params: torchvision's num_params (exact); c: computed from the layer spec (exact); "
        "p: as the paper prints it. top-1: torchvision's default weights on ImageNet-1k val "
        "(library-reproduced); p: 100 minus the first top-1 error the paper data lists. "
        "YOLO is a detector: see imagenet arch yolo. Details: imagenet arch NAME"
    )
    table.caption_justify = "left"
    return table


def _papers(family: Architecture, variants: tuple[Variant, ...]) -> Text:
    head = Text()
    head.append(family.title, style="italic")
    head.append(f"\n{', '.join(family.authors)}. {family.venue}.")
    if family.arxiv:
        head.append(f" arXiv:{family.arxiv}")
    seen = {family.title}
    for variant in variants:
        paper = variant.paper
        if paper is None or paper.title in seen:
            continue
        seen.add(paper.title)
        head.append(f"\n{variant.name}: ", style="bold")
        head.append(paper.title, style="italic")
        head.append(f". {', '.join(paper.authors)}. {paper.venue}.")
        if paper.arxiv:
            head.append(f" arXiv:{paper.arxiv}")
    return head


def _weights_label(name: str, first: object) -> str:
    """``IMAGENET1K_V1``; with its enum when it differs from the default's (VGG16_BN ...)."""
    enum, member = name.split(".")
    default_enum = getattr(first, "name", name).split(".")[0]
    return member if enum == default_enum else f"{enum.removesuffix('_Weights')} {member}"


def _variants_table(variants: tuple[Variant, ...], costs: dict[str, NetworkCost]) -> Table:
    models = Table(title=Text("Variants"), title_justify="left")
    models.add_column("variant", style="bold cyan", no_wrap=True)
    models.add_column("params", justify="right", no_wrap=True)
    models.add_column("paper MACs", justify="right", no_wrap=True)
    models.add_column("computed MACs", justify="right", no_wrap=True)
    models.add_column("top-1 %", justify="right", no_wrap=True)
    models.add_column("top-5 %", justify="right", no_wrap=True)
    models.add_column("tv weights", no_wrap=True)
    for variant in variants:
        cost = costs.get(variant.id)
        paper_cost = _giga(variant.macs)
        if variant.macs is None and variant.cost_printed is not None:
            paper_cost = f"{variant.cost_printed.printed} †"
        computed = "—" if cost is None else f"{cost.macs / 1e9:.3f} G"
        if cost is not None and cost.input_shape[1] != 224:
            computed += f" @{cost.input_shape[1]}"
        rows = variant.weights or (None,)
        for i, weights in enumerate(rows):
            first = i == 0
            params = f"{weights.params:,}" if weights else _params_cell(variant, cost)
            models.add_row(
                variant.name if first else "",
                params,
                paper_cost if first else "",
                computed if first else "",
                _num(weights.top1, "{:.3f}") if weights else "—",
                _num(weights.top5, "{:.3f}") if weights else "—",
                Text(_weights_label(weights.name, rows[0]) + (" *" if first else ""))
                if weights
                else "—",
            )
    models.caption = Text(
        "params: torchvision num_params of each weights' model (exact); c: computed from the "
        "layer spec (exact); p: as the paper prints it. paper MACs: multiply-adds a paper "
        "prints for one 224x224 image (unless noted in --json); † the paper's own unit "
        "(FLOPs/FLOPS/operations), which it does not define as multiply-adds. computed MACs: "
        "imagenet's layer calculator (conv + linear multiply-accumulates; equal to torchvision's "
        "_ops, which torchvision labels GFLOPS). top-1/top-5: torchvision's weights on "
        "ImageNet-1k val, single center crop (library-reproduced); tv weights: the member of "
        "torchvision's weights enum (ResNet50_Weights.IMAGENET1K_V2), * its default."
    )
    models.caption_justify = "left"
    return models


def _results_table(variants: tuple[Variant, ...]) -> Table | None:
    rows = [(v.name, r, "") for v in variants for r in v.paper_results]
    rows += [
        (v.name, r, "authors' code, not the paper") for v in variants for r in _author_results(v)
    ]
    if not rows:
        return None
    paper = Table(title=Text("Paper results (error, %)"), title_justify="left")
    paper.add_column("variant", style="bold cyan", no_wrap=True)
    paper.add_column("top-1 err", justify="right", no_wrap=True)
    paper.add_column("top-5 err", justify="right", no_wrap=True)
    paper.add_column("protocol")
    paper.add_column("source")
    last = None
    for name, reported, note in rows:
        source = reported.source + (f" ({note})" if note else "")
        paper.add_row(
            name if name != last else "",
            _num(reported.top1_error, "{:.2f}"),
            _num(reported.top5_error, "{:.2f}"),
            Text(reported.protocol),
            Text(source),
        )
        last = name
    return paper


def _author_results(variant: Variant) -> list[Any]:
    from imagenet_cli.model.architectures import PaperResult

    return [PaperResult(**r) for r in variant.extra.get("author_repo_results", ())]


def _detection_table(variants: tuple[Variant, ...]) -> Table | None:
    rows = [r for v in variants for r in v.detection_results]
    if not rows:
        return None
    table = Table(title=Text("Detection results (as printed)"), title_justify="left")
    table.add_column("model", style="bold cyan")
    table.add_column("dataset")
    table.add_column("metric", no_wrap=True)
    table.add_column("value", justify="right", no_wrap=True)
    table.add_column("speed", justify="right", no_wrap=True)
    table.add_column("input", justify="right", no_wrap=True)
    table.add_column("source")
    for r in rows:
        speed = f"{r.fps:g} FPS" if r.fps else (f"{r.latency_ms:g} ms" if r.latency_ms else "—")
        table.add_row(
            Text(r.model),
            Text(r.dataset),
            r.metric,
            f"{r.value:g}",
            speed,
            _num(r.input_size),
            Text(r.source),
        )
    return table


def _backbone_table(variants: tuple[Variant, ...]) -> Table | None:
    rows = [(v, v.backbone) for v in variants if v.backbone]
    if not rows:
        return None
    table = Table(
        title=Text("ImageNet-pretrained backbones (error, %, from printed accuracy)"),
        title_justify="left",
    )
    table.add_column("variant", style="bold cyan", no_wrap=True)
    table.add_column("backbone")
    table.add_column("cost as printed")
    table.add_column("top-1 err", justify="right", no_wrap=True)
    table.add_column("top-5 err", justify="right", no_wrap=True)
    table.add_column("source")
    for variant, backbone in rows:
        results = backbone.get("paper_results") or [{}]
        for i, r in enumerate(results):
            table.add_row(
                variant.name if i == 0 else "",
                Text(backbone.get("name", "").split(" (")[0]) if i == 0 else "",
                Text(backbone.get("ops_printed") or "—") if i == 0 else "",
                _num(r.get("top1_error"), "{:.1f}"),
                _num(r.get("top5_error"), "{:.1f}"),
                Text(r.get("source", "")),
            )
    return table


def family_view(
    family: Architecture,
    only: Variant | None = None,
    costs: dict[str, NetworkCost] | None = None,
) -> RenderableType:
    """Paper(s), key ideas, ILSVRC results, variants, paper and detection results."""
    variants = (only,) if only else family.variants
    found = costs or {}
    title = Text(only.name if only else family.name, style="bold")
    title.append(f"  ({only.paper.year if only and only.paper else family.year})", style="dim")
    ideas = Table.grid(padding=(0, 1))
    ideas.add_column(no_wrap=True)
    ideas.add_column()
    for idea in family.key_ideas:
        ideas.add_row(" •", Text(idea))
    parts: list[RenderableType] = [
        title,
        _papers(family, variants),
        Text(""),
        Text("Key ideas", style="bold"),
        ideas,
    ]
    for result in family.ilsvrc:
        task = {"cls": "classification", "loc": "localization", "det": "detection"}.get(
            result.get("task", "cls"), result.get("task", "")
        )
        figure = (
            f"{result['top5_error']}% top-5 error"
            if result.get("top5_error") is not None
            else f"{result.get('mean_ap')}% mAP"
        )
        parts.append(
            Text(
                f"\nILSVRC {result['year']}: rank {result['rank']} in {task}, {figure} "
                f"({result['protocol']}; {result['source']})"
            )
        )
    if only and only.spec:
        layout = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in only.spec.items())
        parts.append(Text(f"\nLayout: {layout}"))
    parts += [Text(""), _variants_table(variants, found)]
    for table in (_results_table(variants), _detection_table(variants), _backbone_table(variants)):
        if table is not None:
            parts.append(table)
    if "torchvision_v1_5" in family.sources:
        parts.append(Text(f"Note: {family.sources['torchvision_v1_5']}", style="dim"))
    for variant in variants:
        note = variant.extra.get("note") or variant.extra.get("paper_note")
        if note:
            parts.append(Text(f"{variant.name}: {note}", style="dim"))
    if found:
        parts.append(
            Text("Per-stage shapes and costs: imagenet arch VARIANT --layers", style="dim")
        )
    return Group(*parts)


def _diagram(cost: NetworkCost) -> Text:
    """Boxes stacked top to bottom, one per stage, with the tensor shape on each arrow."""
    labels = [(s.name, s.description) for s in cost.stages]
    width = min(max(len(f"{n}  {d}") for n, d in labels) + 4, 76)
    text = Text()
    text.append(f"  input {_shape(cost.input_shape)}\n", style="dim")
    for stage, (name, description) in zip(cost.stages, labels, strict=True):
        body = f"{name}  {description}"
        lines = [body[i : i + width - 4] for i in range(0, len(body), width - 4)] or [""]
        text.append("      ▼\n", style="dim")
        text.append("  ┌" + "─" * (width - 2) + "┐\n")
        for i, line in enumerate(lines):
            text.append("  │ ")
            if i == 0:
                text.append(line[: len(name)], style="bold cyan")
                text.append(line[len(name) :])
            else:
                text.append(line)
            text.append(" " * (width - 4 - len(line)) + " │\n")
        text.append("  └" + "─" * (width - 2) + "┘")
        text.append(f"  → {_shape(stage.output_shape)}\n", style="green")
    return text


def layers_view(variant: Variant, cost: NetworkCost) -> RenderableType:
    """The per-stage table (output shape, params, MACs, share) and a block diagram."""
    table = Table(
        title=Text(
            f"{variant.name}: per-stage cost for a {_shape(cost.input_shape)} input "
            f"(computed from the layer spec)"
        ),
        title_justify="left",
    )
    table.add_column("stage", style="bold cyan", no_wrap=True)
    table.add_column("layers")
    table.add_column("output", justify="right", no_wrap=True)
    table.add_column("params", justify="right", no_wrap=True)
    table.add_column("MACs", justify="right", no_wrap=True)
    table.add_column("share of MACs", no_wrap=True)
    total = cost.macs or 1
    for stage in cost.stages:
        share = stage.macs / total
        bar = Text("█" * round(share * 20), style="cyan")
        bar.append(f" {share:.0%}")
        table.add_row(
            stage.name,
            Text(stage.description),
            _shape(stage.output_shape),
            _short(stage.params),
            _short(stage.macs),
            bar,
        )
    table.add_section()
    table.add_row("total", "", _shape(cost.output_shape), f"{cost.params:,}", f"{cost.macs:,}", "")
    table.caption = Text(
        f"MACs: {MACS_CONVENTION}. Params: learnable parameters, as torchvision's num_params "
        f"(BatchNorm weight and bias included). Spec: {cost.spec.source}"
    )
    table.caption_justify = "left"
    return Group(table, Text(""), Text("Block diagram", style="bold"), _diagram(cost))


COMPARE_ROWS = (
    "family", "year", "input", "params", "paper params", "paper MACs", "computed MACs",
    "torchvision top-1 %", "torchvision top-5 %", "lowest paper top-1 err",
    "lowest paper top-5 err",
)  # fmt: skip


def _compare_values(
    family: Architecture, variant: Variant, cost: NetworkCost | None
) -> dict[str, str]:
    head = variant.headline
    top1 = [r.top1_error for r in variant.paper_results if r.top1_error is not None]
    top5 = [r.top5_error for r in variant.paper_results if r.top5_error is not None]
    cost_printed = variant.cost_printed
    return {
        "family": family.name,
        "year": str(variant.paper.year if variant.paper else family.year),
        "input": _num(variant.input_size),
        "params": _params_cell(variant, cost),
        "paper params": variant.paper_params.printed if variant.paper_params else "—",
        "paper MACs": _giga(variant.macs)
        if variant.macs is not None
        else (f"{cost_printed.printed} †" if cost_printed else "—"),
        "computed MACs": "—" if cost is None else f"{cost.macs / 1e9:.3f} G",
        "torchvision top-1 %": _num(head.top1, "{:.3f}") if head else "—",
        "torchvision top-5 %": _num(head.top5, "{:.3f}") if head else "—",
        "lowest paper top-1 err": f"{min(top1):.2f}" if top1 else "—",
        "lowest paper top-5 err": f"{min(top5):.2f}" if top5 else "—",
    }


def compare_record(
    picked: list[tuple[Architecture, Variant]], costs: dict[str, NetworkCost]
) -> list[dict[str, Any]]:
    """``arch compare --json``: one variant record per name, with its family id."""
    return [
        {"family": family.id, **variant_record(variant, costs.get(variant.id))}
        for family, variant in picked
    ]


def compare_view(
    picked: list[tuple[Architecture, Variant]], costs: dict[str, NetworkCost]
) -> Table:
    """Variants side by side, one column each."""
    table = Table(title=Text("Side by side"), title_justify="left")
    table.add_column("", style="bold", no_wrap=True)
    for _, variant in picked:
        table.add_column(variant.name, justify="right")
    values = [_compare_values(f, v, costs.get(v.id)) for f, v in picked]
    for row in COMPARE_ROWS:
        table.add_row(row, *(Text(v[row]) for v in values))
    table.caption = Text(
        "params: torchvision num_params (exact); c: computed from the layer spec; p: printed "
        "in the paper. paper MACs as printed († the paper's FLOPs/operations, not defined as "
        "multiply-adds). computed MACs at the input size shown, conv + linear "
        "multiply-accumulates. Lowest paper errors: the lowest figure the data holds, whatever "
        "its protocol (single model or ensemble, crops): see imagenet arch NAME."
    )
    table.caption_justify = "left"
    return table
