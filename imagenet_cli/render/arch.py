"""Rich views and records of architecture families, variants, layer tables and comparisons."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from imagenet_cli.facts.architectures import (
    Architecture,
    LibraryWeights,
    Variant,
    ilsvrc_results,
)
from imagenet_cli.facts.layers import LayerCost, NetworkCost
from imagenet_cli.facts.timeline import Entry

MACS_CONVENTION = (
    "multiply-accumulates of convolutions, linear layers and attention's matrix products "
    "for one image (norms, activations, softmax, pooling and additions not counted), the "
    "convention of torchvision's _ops"
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


def _shape(shape: tuple[int, int, int], final: bool = False) -> str:
    c, h, w = shape
    return f"{c}" if final and (h, w) == (1, 1) else f"{c}x{h}x{w}"


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
        **({"layers": [_layer_record(layer) for layer in cost.layers]} if cost.layers else {}),
    }


def _layer_record(layer: LayerCost) -> dict[str, Any]:
    return {
        "name": layer.name,
        "type": layer.kind,
        "kernel": list(layer.kernel) if isinstance(layer.kernel, tuple) else layer.kernel,
        "stride": layer.stride,
        "groups": layer.groups,
        "output_shape": list(layer.output_shape),
        "params": layer.params,
        "macs": layer.macs,
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
        "paper_params": variant.paper_params._asdict() if variant.paper_params else None,
        "macs": variant.macs,
        "macs_source": variant.macs_source,
        "cost_printed": variant.cost_printed._asdict() if variant.cost_printed else None,
        "computed": cost_record(cost),
        "input_size": variant.input_size,
        "top1": head.top1 if head else None,
        "top5": head.top5 if head else None,
        "accuracy_source": _accuracy_source(head) if head else None,
        "weights": [w._asdict() for w in variant.weights],
        "paper_results": [r._asdict() for r in variant.paper_results],
        "detection_results": [r._asdict() for r in variant.detection_results],
        "backbone": variant.backbone,
        "paper": variant.paper._asdict() if variant.paper else None,
        **variant.extra,
    }


def _accuracy_source(head: LibraryWeights) -> str:
    text = f"{head.source} (library-reproduced, single {head.crop_size}px center crop"
    if "SWAG" in head.name:
        text += (
            "; SWAG weights: torchvision's fine-tuning of the SWAG weights (arXiv 2201.08371, "
            f"recipe {head.recipe}), not the paper's model or protocol"
        )
    return text + ")"


def _tv_top(value: float, head: LibraryWeights) -> str:
    """A torchvision accuracy with what sets its weights apart: ``88.552 SWAG @518``."""
    return f"{value:.3f}" + (f" {head.label}" if head.label else "")


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
        "ilsvrc": [ilsvrc_record(e) for e in ilsvrc_results(family.id)],
        "ilsvrc_as_the_paper_states": list(family.ilsvrc),
        "sources": family.sources,
        "not_verified": list(family.not_verified),
        "variants": [variant_record(v, found.get(v.id)) for v in variants],
    }


def _top1(variant: Variant) -> str:
    head = variant.headline
    if head is not None:
        return _tv_top(head.top1, head)
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
    """One row per family: year, the headline variant's params and top-1, its variants."""
    found = costs or {}
    table = Table(title=Text("Architectures"), title_justify="left")
    table.add_column("family", style="bold cyan", no_wrap=True)
    table.add_column("year", justify="right", no_wrap=True)
    table.add_column("params", justify="right", no_wrap=True)
    table.add_column("top-1 %", justify="right", no_wrap=True)
    table.add_column("variants (* headline)", min_width=20)
    for family in families:
        head = family.headline_variant
        names = [
            v.id + ("*" if head is not None and v.id == head.id else "") for v in family.variants
        ]
        table.add_row(
            family.id,
            str(family.year),
            _params_cell(head, found.get(head.id)) if head else "—",
            _top1(head) if head else "—",
            Text(", ".join(names)),
        )
    table.caption = Text(
        "params and top-1 of the headline variant (*). params: torchvision's num_params "
        "(exact); c: computed from the layer spec (exact); p: printed by a paper. top-1: "
        "torchvision's default weights on ImageNet-1k val (library-reproduced; @N: NxN crop; "
        "SWAG: fine-tuned from SWAG, arXiv 2201.08371, not the paper's); p: 100 minus "
        "the first top-1 error the paper data lists. YOLO is a detector: see imagenet arch "
        "yolo. Details: imagenet arch NAME"
    )
    table.caption_justify = "left"
    return table


def _papers(family: Architecture, variants: tuple[Variant, ...]) -> Text:
    own = variants[0].paper if len(variants) == 1 and variants[0].paper else None
    head = Text()
    if own is not None:
        head.append(own.title, style="italic")
        head.append(f"\n{', '.join(own.authors)}. {own.venue}.")
        if own.arxiv:
            head.append(f" arXiv:{own.arxiv}")
        head.append(f"\nFamily: {family.name}, from {family.title} ({family.year})", style="dim")
        return head
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
        if not paper.title.lower().startswith(variant.name.lower()):
            head.append(f"\n{variant.name}: ", style="bold")
        else:
            head.append("\n")
        head.append(paper.title, style="italic")
        head.append(f". {', '.join(paper.authors)}. {paper.venue}.")
        if paper.arxiv:
            head.append(f" arXiv:{paper.arxiv}")
    return head


def _paper_cost(variant: Variant) -> str:
    """The paper's MACs (or its own unit, marked †), with the input side when not 224."""
    at = f" @{variant.input_size}" if variant.input_size and variant.input_size != 224 else ""
    if variant.macs is not None:
        return _giga(variant.macs) + at
    if variant.cost_printed is not None:
        return f"{variant.cost_printed.printed} †{at}"
    return "—"


def _has_figures(variant: Variant, cost: NetworkCost | None) -> bool:
    return bool(
        variant.weights
        or cost
        or variant.macs
        or variant.cost_printed
        or variant.paper_params
        or variant.paper_results
    )


def _paper_accuracy(variant: Variant, top5: bool = False) -> str:
    """100 minus the first error the paper data lists, marked ``p``; ``—`` when none."""
    for result in variant.paper_results:
        error = result.top5_error if top5 else result.top1_error
        if error is not None:
            return f"{100 - error:.2f} p"
    return "—"


def _variants_table(variants: tuple[Variant, ...], costs: dict[str, NetworkCost]) -> Table | None:
    shown = [v for v in variants if _has_figures(v, costs.get(v.id))]
    if not shown:
        return None
    models = Table(title=Text("Variants"), title_justify="left")
    models.add_column("variant", style="bold cyan", no_wrap=True)
    models.add_column("params", justify="right", no_wrap=True)
    models.add_column("paper\nMACs", justify="right", no_wrap=True)
    models.add_column("computed\nMACs", justify="right", no_wrap=True)
    models.add_column("top-1\n%", justify="right", no_wrap=True)
    models.add_column("top-5\n%", justify="right", no_wrap=True)
    for variant in shown:
        cost = costs.get(variant.id)
        head = variant.headline
        computed = "—" if cost is None else f"{cost.macs / 1e9:.3f} G"
        if cost is not None and cost.input_shape[1] != 224:
            computed += f" @{cost.input_shape[1]}"
        models.add_row(
            variant.name,
            _params_cell(variant, cost),
            _paper_cost(variant),
            computed,
            _tv_top(head.top1, head) if head else _paper_accuracy(variant),
            _tv_top(head.top5, head) if head else _paper_accuracy(variant, top5=True),
        )
    models.caption = Text(
        "params: torchvision's num_params (exact); c: computed from the layer spec (exact); "
        "p: printed by a paper (which one: --json). paper MACs: multiply-adds a paper prints "
        "(@N: for an NxN input, else 224x224); † in the paper's own unit (FLOPs, FLOPS, "
        "operations, a budget), not counted multiply-adds. computed MACs: imagenet's layer "
        "calculator (conv, linear and attention matmul multiply-accumulates; equals "
        "torchvision's _ops, which "
        "torchvision labels GFLOPS). top-1/top-5: torchvision's default weights (below), "
        "library-reproduced; @N: at an NxN crop; SWAG: weights fine-tuned from SWAG "
        "(arXiv 2201.08371), not the paper's model; p: without torchvision weights, 100 "
        "minus the first error of the paper results below (protocol there)."
    )
    models.caption_justify = "left"
    return models


def _weights_table(variants: tuple[Variant, ...]) -> Table | None:
    rows = [(v, w, i == 0) for v in variants for i, w in enumerate(v.weights)]
    if not rows:
        return None
    table = Table(
        title=Text("torchvision weights (ImageNet-1k val, top-1/top-5 in %)"),
        title_justify="left",
        pad_edge=False,
    )
    table.add_column("weights", style="cyan", overflow="fold")
    table.add_column("params", justify="right", no_wrap=True)
    table.add_column("top-1", justify="right", no_wrap=True)
    table.add_column("top-5", justify="right", no_wrap=True)
    table.add_column("crop", justify="right", no_wrap=True)
    table.add_column("resize", justify="right", no_wrap=True)
    table.add_column("GMACs", justify="right", no_wrap=True)
    for _, weights, default in rows:
        table.add_row(
            weights.name + (" *" if default else ""),
            f"{weights.params:,}",
            f"{weights.top1:.3f}",
            f"{weights.top5:.3f}",
            _num(weights.crop_size),
            _num(weights.resize_size),
            _num(weights.gflops, "{:.3f}"),
        )
    table.caption = Text(
        "Library-reproduced accuracy of each checkpoint on a single center crop of the size "
        "shown, after resizing the shorter side to 'resize' (torchvision's metadata); * the "
        "default weights; params of that checkpoint's model; GMACs: torchvision's _ops at the "
        "crop (which torchvision labels GFLOPS; multiply-accumulates, see arch layers)."
    )
    table.caption_justify = "left"
    return table


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
    from imagenet_cli.facts.architectures import PaperResult

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
            f"{r.value:.1f}",
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
    specs = [v.id for v, backbone in rows if backbone.get("spec")]
    if specs:
        table.caption = Text(
            "Cost as printed: the paper's operations (Darknet counts 2 per multiply-add). "
            "Backbone layers, params and computed MACs: "
            + ", ".join(f"imagenet arch layers {v}" for v in specs)
        )
        table.caption_justify = "left"
    return table


def ilsvrc_record(entry: Entry) -> dict[str, Any]:
    """One timeline result as JSON (the timeline's own fields)."""
    return {
        "year": entry.year,
        "task": entry.task,
        "rank": entry.rank,
        "team": entry.team,
        "top5_error": entry.top5_error,
        "mean_ap": entry.mean_ap,
        "outside_data": entry.outside_data,
        "source": entry.cited.cite,
    }


def _ilsvrc_table(entries: list[Entry]) -> Table:
    table = Table.grid(padding=(0, 2))
    for _ in range(5):
        table.add_column()
    tasks = {"cls": "classification", "loc": "localization", "det": "detection"}
    for e in entries:
        if e.top5_error is not None:
            figure = f"{e.top5_error:g}% top-5 error" + (" (loc)" if e.task == "loc" else "")
        else:
            figure = f"{_num(e.mean_ap, '{:g}')}% mAP"
        data = {True: "outside data", False: "provided data", None: ""}[e.outside_data]
        table.add_row(
            f" {e.year}",
            tasks.get(e.task or "", e.task or ""),
            f"rank {e.rank}" if e.rank else (e.placement or ""),
            Text(f"{figure}, {e.team}" + (f", {data}" if data else "")),
            Text(e.cited.cite, style="dim"),
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
    ilsvrc = ilsvrc_results(family.id)
    if ilsvrc:
        parts.append(Text("\nILSVRC results (imagenet timeline)", style="bold"))
        parts.append(_ilsvrc_table(ilsvrc))
    if only and only.spec:
        layout = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in only.spec.items())
        parts.append(Text(f"\nLayout: {layout}"))
    parts.append(Text(""))
    for table in (
        _variants_table(variants, found),
        _weights_table(variants),
        _results_table(variants),
        _detection_table(variants),
        _backbone_table(variants),
    ):
        if table is not None:
            parts.append(table)
    if "torchvision_v1_5" in family.sources:
        parts.append(Text(f"Note: {family.sources['torchvision_v1_5']}", style="dim"))
    for variant in variants:
        note = variant.extra.get("note") or variant.extra.get("paper_note")
        if note:
            parts.append(Text(f"{variant.name}: {note}", style="dim"))
    if found:
        parts.append(Text("Per-stage shapes and costs: imagenet arch layers VARIANT", style="dim"))
    return Group(*parts)


def _diagram(cost: NetworkCost) -> Text:
    """Boxes stacked top to bottom, one per stage, with the tensor shape on each arrow."""
    labels = [(s.name, s.description) for s in cost.stages]
    width = min(max(len(f"{n}  {d}") for n, d in labels) + 4, 76)
    text = Text()
    text.append(f"  input {_shape(cost.input_shape)}\n", style="dim")
    last = len(cost.stages) - 1
    for number, (stage, (name, description)) in enumerate(zip(cost.stages, labels, strict=True)):
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
        text.append(f"  → {_shape(stage.output_shape, number == last)}\n", style="green")
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
    table.add_column("layers", ratio=1)
    table.add_column("output", justify="right", no_wrap=True)
    table.add_column("params", justify="right", no_wrap=True)
    table.add_column("MACs", justify="right", no_wrap=True)
    table.add_column("MACs\nshare", no_wrap=True)
    total = cost.macs or 1
    for number, stage in enumerate(cost.stages):
        share = stage.macs / total
        bar = Text("█" * round(share * 10), style="cyan")
        bar.append(f" {share:.0%}")
        table.add_row(
            stage.name,
            Text(stage.description),
            _shape(stage.output_shape, number == len(cost.stages) - 1),
            _short(stage.params),
            _short(stage.macs),
            bar,
        )
    table.add_section()
    table.add_row(
        "total", "", _shape(cost.output_shape, True), _short(cost.params), _short(cost.macs), ""
    )
    table.caption = Text(
        f"MACs: {MACS_CONVENTION}. Params: learnable parameters, as torchvision's num_params "
        f"(BatchNorm weight and bias included). Spec: {cost.spec.source}"
    )
    table.caption_justify = "left"
    exact = Text.assemble(
        ("Exact totals: ", "bold"), f"{cost.params:,} params, {cost.macs:,} MACs."
    )
    return Group(table, exact, Text(""), Text("Block diagram", style="bold"), _diagram(cost))


def _kernel(kernel: int | tuple[int, int] | None) -> str:
    if kernel is None:
        return ""
    kh, kw = kernel if isinstance(kernel, tuple) else (kernel, kernel)
    return f"{kh}x{kw}"


def layers_detail_view(variant: Variant, cost: NetworkCost) -> RenderableType:
    """Every layer: type, kernel, stride, groups, output shape, params and MACs."""
    table = Table(
        title=Text(
            f"{variant.name}: every layer for a {_shape(cost.input_shape)} input "
            f"(computed from the layer spec)"
        ),
        title_justify="left",
        box=box.SIMPLE_HEAD,
        padding=(0, 1, 0, 0),
        pad_edge=False,
    )
    table.add_column("layer", style="cyan", overflow="fold", min_width=12)
    table.add_column("type", no_wrap=True)
    table.add_column("kernel", justify="right", width=6)
    table.add_column("stride", justify="right", width=6)
    table.add_column("groups", justify="right", width=6)
    table.add_column("output", justify="right", no_wrap=True)
    table.add_column("params", justify="right", width=7)
    table.add_column("MACs", justify="right", width=7)
    stage = None
    training_only = False
    for layer in cost.layers:
        kind, marked, _ = layer.kind.partition(" (training only")
        training_only = training_only or bool(marked)
        head = layer.name.split(".", 1)[0]
        if stage is not None and head != stage:
            table.add_section()
        stage = head
        table.add_row(
            layer.name,
            kind + (" †" if marked else ""),
            _kernel(layer.kernel),
            _num(layer.stride, "{}") if layer.stride is not None else "",
            _num(layer.groups, "{}") if layer.groups is not None else "",
            _shape(layer.output_shape),
            _short(layer.params),
            _short(layer.macs),
        )
    table.add_section()
    table.add_row(
        "total", "", "", "", "", _shape(cost.output_shape, True), _short(cost.params),
        _short(cost.macs),
    )  # fmt: skip
    table.caption = Text(
        f"MACs: {MACS_CONVENTION}. Params: learnable parameters, as torchvision's num_params "
        f"(a conv's count includes its bias and its BatchNorm's weight and bias). Layer names: "
        f"stage.index.block.part. Activations, softmax and additions cost nothing here and "
        f"are not listed; a BatchNorm right after a conv is folded into it. Exact "
        f"per-layer figures: --json. Spec: {cost.spec.source}"
        + (
            "\n† runs in training only (the auxiliary classifier): its params count, as in "
            "num_params; its MACs do not, as torchvision's _ops is an evaluation pass."
            if training_only
            else ""
        )
    )
    table.caption_justify = "left"
    exact = Text.assemble(
        ("Exact totals: ", "bold"), f"{cost.params:,} params, {cost.macs:,} MACs."
    )
    return Group(table, exact)


COMPARE_ROWS = (
    "family", "year", "input", "params", "paper params", "paper MACs", "computed MACs",
    "tv weights", "tv crop", "tv top-1 %", "tv top-5 %", "paper top-1/5 err", "its protocol",
    "detection",
    "backbone top-1/5 err",
)  # fmt: skip


def _brief(text: str) -> str:
    """The head of a protocol note: up to its first parenthesis or semicolon."""
    cut = min((i for i in (text.find(" ("), text.find(";")) if i > 0), default=len(text))
    return text[:cut].strip()


def _errors(top1: float | None, top5: float | None) -> str:
    if top1 is None and top5 is None:
        return "—"
    return f"{_num(top1, '{:.2f}')} / {_num(top5, '{:.2f}')}"


def _compare_values(
    family: Architecture, variant: Variant, cost: NetworkCost | None
) -> dict[str, str]:
    """One column of ``arch compare``: every cell a figure or ``n/a: why``, never blank."""
    head = variant.headline
    first = variant.paper_results[0] if variant.paper_results else None
    detection = variant.detection_results[0] if variant.detection_results else None
    backbone = (variant.backbone or {}).get("paper_results") or [{}]
    detector = bool(variant.detection_results or variant.backbone)
    not_tv = "n/a: not in torchvision"
    backbone_spec = (variant.backbone or {}).get("spec")
    no_spec = (
        f"n/a: detector (backbone: arch layers {variant.id})"
        if backbone_spec
        else "n/a: detector, no layer spec"
        if detector
        else "n/a: no layer spec yet"
    )
    params = _params_cell(variant, cost)
    if params == "—":
        params = "not recorded"
    backbone_errors = _errors(backbone[0].get("top1_error"), backbone[0].get("top5_error"))
    return {
        "family": family.name,
        "year": str(variant.paper.year if variant.paper else family.year),
        "input": _num(variant.input_size) if variant.input_size else "n/a: not given",
        "params": params,
        "paper params": variant.paper_params.printed if variant.paper_params else "not recorded",
        "paper MACs": "not recorded" if _paper_cost(variant) == "—" else _paper_cost(variant),
        "computed MACs": no_spec if cost is None else f"{cost.macs / 1e9:.3f} G",
        "tv weights": head.name.split(".")[1] if head else not_tv,
        "tv crop": _num(head.crop_size) if head else "n/a",
        "tv top-1 %": _tv_top(head.top1, head) if head else "n/a",
        "tv top-5 %": _tv_top(head.top5, head) if head else "n/a",
        "paper top-1/5 err": _errors(first.top1_error, first.top5_error)
        if first
        else ("n/a: detector, see backbone" if detector else "not recorded"),
        "its protocol": _brief(first.protocol) if first else "n/a",
        "detection": f"{detection.value:.1f} {detection.metric}, {_brief(detection.dataset)}"
        if detection
        else "n/a: classifier",
        "backbone top-1/5 err": backbone_errors
        if detector and backbone_errors != "—"
        else ("n/a: classifier" if not detector else "not recorded"),
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
    picked: list[tuple[Architecture, Variant]], costs: dict[str, NetworkCost], width: int = 100
) -> RenderableType:
    """Variants side by side, one column each; several tables when they do not fit ``width``."""
    values = [_compare_values(f, v, costs.get(v.id)) for f, v in picked]
    per_table = max(1, (width - 24) // 19)
    tables: list[RenderableType] = []
    for start in range(0, len(picked), per_table):
        chunk = list(range(start, min(start + per_table, len(picked))))
        table = Table(
            title=Text("Side by side" + (" (continued)" if start else "")), title_justify="left"
        )
        table.add_column("", style="bold", no_wrap=True)
        for i in chunk:
            table.add_column(picked[i][1].name, justify="right", min_width=16)
        for row in COMPARE_ROWS:
            table.add_row(row, *(Text(values[i][row]) for i in chunk))
        tables.append(table)
    caption = Text(
        "params: torchvision num_params (exact); c: computed from the layer spec; p: printed "
        "by a paper. paper MACs as printed (@N: NxN input; † the paper's own unit, not counted "
        "multiply-adds). computed MACs: conv, linear and attention matmul "
        "multiply-accumulates at the spec's input (as torchvision's _ops). "
        "tv: torchvision's default weights (library-reproduced, at the crop shown; its own "
        "training recipe, which may differ from the paper's, e.g. ViT-H/14's SWAG weights). "
        "paper top-1/5 err: the first result the data lists for the variant, with its "
        "protocol; detection and backbone: the first listed. n/a: the row does not apply, "
        "and why; not recorded: no figure from the paper in the data (see --json "
        "not_verified). Every figure's source: --json."
    )
    return Group(*tables, caption)
