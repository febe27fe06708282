"""``imagenet arch``: landmark architectures with sourced params, costs and accuracy."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from imagenet_cli.cli.errors import user_errors
from imagenet_cli.cli.plotting import PlotOption, SvgOption, check_outputs, save_outputs
from imagenet_cli.render.console import print_view, write_json

if TYPE_CHECKING:
    from imagenet_cli.facts.architectures import Architecture, Variant

app = typer.Typer()


@app.command("arch")
def arch(
    names: Annotated[
        Optional[list[str]],  # noqa: UP045 - Typer reads the annotation at run time
        typer.Argument(
            help="A family (resnet) or a variant (resnet50, ResNet-50); or `compare` and "
            "two or more names.",
            metavar="NAME | compare A B",
            show_default=False,
        ),
    ] = None,
    layers: Annotated[
        bool,
        typer.Option(
            "--layers", metavar="", help="Per-stage shapes, params and MACs, and a block diagram."
        ),
    ] = False,
    input_size: Annotated[
        Optional[int],  # noqa: UP045 - Typer reads the annotation at run time
        typer.Option(
            "--input-size",
            min=1,
            max=4096,
            help="Input side in pixels for --layers (default: the variant's own, 224 mostly).",
            show_default=False,
        ),
    ] = None,
    bibtex: Annotated[
        bool, typer.Option("--bibtex", metavar="", help="Print only the BibTeX entry.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", metavar="", help="Print JSON.")] = False,
    plot: PlotOption = None,
    svg: SvgOption = None,
) -> None:
    """Show an architecture's paper, key ideas, variants, params, MACs and accuracy.

    imagenet arch lists the families; imagenet arch NAME shows one family or variant (--layers: its per-stage table and block diagram); imagenet arch compare A B ... puts variants side by side (a family name stands for its headline variant).
    """  # noqa: E501 - Typer rewraps help text
    from imagenet_cli.facts.architectures import (
        computed_costs,
        get_architecture,
        list_architectures,
    )
    from imagenet_cli.render import arch as render

    names = names or []
    comparing = bool(names) and names[0].strip().lower() == "compare"
    if bibtex and (as_json or len(names) != 1):
        raise typer.BadParameter(
            "--bibtex prints one family's or variant's citation: give one NAME (no compare, "
            "no --json)",
            param_hint="--bibtex",
        )
    if layers and bibtex:
        raise typer.BadParameter("use --layers or --bibtex, not both", param_hint="--layers")
    if comparing and len(names) < 3:
        raise typer.BadParameter(
            "compare needs two or more names, e.g. imagenet arch compare resnet50 vgg16",
            param_hint="NAME",
        )
    if (layers or input_size is not None) and (comparing or len(names) != 1):
        raise typer.BadParameter("--layers shows one variant: give one NAME", param_hint="--layers")
    if input_size is not None and not layers:
        raise typer.BadParameter("--input-size goes with --layers", param_hint="--input-size")
    if plot is not None and not (layers or comparing):
        raise typer.BadParameter("--plot draws --layers or compare", param_hint="--plot")
    check_outputs(plot, svg, not (as_json or bibtex))
    if comparing:
        _compare(names[1:], as_json, plot, svg)
        return
    if len(names) > 1:
        raise typer.BadParameter(
            "give one NAME, or compare several with: imagenet arch compare " + " ".join(names[:3]),
            param_hint="NAME",
        )
    with user_errors():
        if not names:
            families = list_architectures()
            costs = computed_costs(
                (f.id, f.headline_variant) for f in families if f.headline_variant
            )
            if as_json:
                write_json([render.family_record(f, costs=costs) for f in families])
            else:
                print_view(table := render.families_table(families, costs))
                save_outputs(None, None, svg, table, "arch")
            return
        family, variant = get_architecture(names[0])
        if layers:
            _layers(family, variant, input_size, as_json, plot, svg)
            return
        costs = computed_costs((family.id, v) for v in ((variant,) if variant else family.variants))
    if bibtex:
        paper = variant.paper if variant and variant.paper else None
        typer.echo(paper.bibtex if paper else family.bibtex)
    elif as_json:
        write_json(render.family_record(family, variant, costs))
    else:
        print_view(view := render.family_view(family, variant, costs))
        save_outputs(None, None, svg, view, "arch")


def _layers(
    family: Architecture, variant: Variant | None, input_size: int | None, as_json: bool,
    plot: Path | None = None, svg: Path | None = None,
) -> None:  # fmt: skip
    from imagenet_cli._errors import ImagenetError
    from imagenet_cli.facts.layers import family_specs, spec_costs, spec_ids
    from imagenet_cli.render import arch as render

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
        raise ImagenetError(f"--layers shows one variant, and {family.id} is a family", hint=hint)
    if variant.id not in specs:
        raise ImagenetError(
            f"no layer spec for {variant.name} yet",
            hint=f"layer specs exist for {', '.join(sorted(spec_ids()))}",
        )
    cost = spec_costs(specs[variant.id], input_size)
    if as_json:
        write_json({"id": variant.id, "name": variant.name, **(render.cost_record(cost) or {})})
    else:
        print_view(view := render.layers_view(variant, cost))
    from imagenet_cli.render.figures import views

    chosen = variant
    figure = lambda: views.layers_figure(chosen, cost)  # noqa: E731
    save_outputs(plot, figure, svg, None if as_json else view, "arch --layers")


def _compare(
    names: list[str], as_json: bool, plot: Path | None = None, svg: Path | None = None
) -> None:
    from imagenet_cli._errors import ImagenetError
    from imagenet_cli.facts.architectures import computed_costs, get_architecture
    from imagenet_cli.render import arch as render

    with user_errors():
        picked: list[tuple[Architecture, Variant]] = []
        for name in names:
            family, variant = get_architecture(name)
            chosen = variant or family.headline_variant
            if chosen is None:
                raise ImagenetError(f"{family.name} has no variants")
            if any(v.id == chosen.id for _, v in picked):
                sys.stderr.write(f"Note: {name!r} is {chosen.name} again; shown once.\n")
                continue
            picked.append((family, chosen))
        costs = computed_costs((f.id, v) for f, v in picked)
    if len(picked) < 2:
        raise typer.BadParameter("compare needs two different variants", param_hint="NAME")
    if as_json:
        write_json(render.compare_record(picked, costs))
    else:
        from imagenet_cli.render.console import make_console

        print_view(view := render.compare_view(picked, costs, make_console().width))
    from imagenet_cli.render.figures import views

    figure = lambda: views.compare_figure(picked, costs)  # noqa: E731
    save_outputs(plot, figure, svg, None if as_json else view, "arch compare")
