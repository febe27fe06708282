"""``imagenet arch``: architectures with sourced params, costs and accuracy.

Subcommands, each declaring only its own options:

* ``arch [NAME]``: the families, or one family or variant (``arch show NAME``);
* ``arch layers NAME [--input-size N] [--detail]``: costs computed from the layer spec;
* ``arch compare A B ...``: variants side by side;
* ``arch bibtex NAME``: the BibTeX entry.

The spellings of earlier releases still work: ``arch NAME --layers [--input-size N]``
routes to ``arch layers``, ``arch NAME --bibtex`` to ``arch bibtex``.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer
from typer.core import TyperGroup

from imagenet_cli.cli.errors import user_errors
from imagenet_cli.cli.options import JsonFlag
from imagenet_cli.cli.plotting import PlotOption, SvgOption, check_outputs, save_outputs
from imagenet_cli.render.console import print_view, write_json

if TYPE_CHECKING:
    from imagenet_cli import Architecture, Variant

#: The subcommands; any other first word is a NAME for ``show``.
SUBCOMMANDS = ("show", "layers", "compare", "bibtex", "list")
#: Options of ``layers`` that take a value (their value is not a NAME).
_VALUED = ("--input-size",)


def route(args: list[str], ctx: Any = None) -> list[str]:
    """Turn ``arch`` arguments into ``arch SUBCOMMAND ...`` (old spellings included).

    ``[]`` and options alone list the families; a first word that is no subcommand is a
    NAME shown by ``show``, or by ``layers``/``bibtex`` when ``--layers``/``--bibtex``
    come with it. ``--help`` alone stays the group's help.

    Raises:
        typer.BadParameter: ``--layers`` with ``--bibtex``; ``--input-size`` or
            ``--detail`` without ``layers`` (a usage error: exit 2).
    """
    words = []
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg in _VALUED:
            skip = True
        elif arg == "--":
            break
        elif not arg.startswith("-"):
            words.append(arg)
    if not words:
        return args if {"-h", "--help"} & set(args) else ["list", *args]
    first = words[0]
    if first in SUBCOMMANDS:
        at = args.index(first)
        return [first, *args[:at], *args[at + 1 :]]
    layers, bibtex = "--layers" in args, "--bibtex" in args
    if layers and bibtex:
        raise typer.BadParameter(
            "use --layers or --bibtex, not both (or: arch layers, arch bibtex)",
            ctx=ctx,
            param_hint="--layers",
        )
    rest = [a for a in args if a not in ("--layers", "--bibtex")]
    if layers:
        return ["layers", *rest]
    if bibtex:
        return ["bibtex", *rest]
    for option in ("--input-size", "--detail"):
        if any(a == option or a.startswith(option + "=") for a in args):
            raise typer.BadParameter(
                f"{option} goes with --layers: imagenet arch layers NAME {option}",
                ctx=ctx,
                param_hint=option,
            )
    return ["show", *args]


class ArchGroup(TyperGroup):
    """A group whose default command is ``show``: ``arch resnet`` is ``arch show resnet``."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """Route old and short spellings to their subcommand, then parse as usual."""
        return super().parse_args(ctx, route(list(args), ctx))

    def list_commands(self, ctx: Any) -> list[str]:
        """Subcommands in the order of the docs, not alphabetical."""
        return [name for name in SUBCOMMANDS if name in self.commands]


app = typer.Typer()
arch_app = typer.Typer(
    cls=ArchGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Architectures: papers, variants, params, MACs and accuracy, each sourced. "
    "imagenet arch lists the families; imagenet arch NAME shows one.",
)
app.add_typer(arch_app, name="arch")

NameArgument = Annotated[
    str,
    typer.Argument(
        help="A family (resnet) or a variant (resnet50, ResNet-50).",
        metavar="NAME",
        show_default=False,
    ),
]


@arch_app.command("show")
def show(
    names: Annotated[
        list[str],
        typer.Argument(
            help="A family (resnet) or a variant (resnet50, ResNet-50).",
            metavar="NAME",
            show_default=False,
        ),
    ],
    as_json: JsonFlag = False,
    svg: SvgOption = None,
) -> None:
    """Show a family's or variant's paper, key ideas, variants, params, MACs and accuracy (the default: imagenet arch NAME)."""  # noqa: E501 - Typer rewraps help text
    from imagenet_cli import computed_costs
    from imagenet_cli import find_architecture as get_architecture
    from imagenet_cli.render import arch as render

    check_outputs(None, svg, not as_json)
    if len(names) > 1:
        raise typer.BadParameter(
            "give one NAME, or compare several with: imagenet arch compare " + " ".join(names[:3]),
            param_hint="NAME",
        )
    with user_errors():
        family, variant = get_architecture(names[0])
        costs = computed_costs((family.id, v) for v in ((variant,) if variant else family.variants))
    if as_json:
        write_json(render.family_record(family, variant, costs))
    else:
        print_view(view := render.family_view(family, variant, costs))
        save_outputs(None, None, svg, view, family.name)


@arch_app.command("list")
def list_families(as_json: JsonFlag = False, svg: SvgOption = None) -> None:
    """List the families with their headline variant's params and top-1 (the default: imagenet arch)."""  # noqa: E501 - Typer rewraps help text
    from imagenet_cli import architectures as list_architectures
    from imagenet_cli import computed_costs
    from imagenet_cli.render import arch as render

    check_outputs(None, svg, not as_json)
    with user_errors():
        families = list_architectures()
        costs = computed_costs((f.id, f.headline_variant) for f in families if f.headline_variant)
    if as_json:
        write_json([render.family_record(f, costs=costs) for f in families])
    else:
        print_view(view := render.families_table(families, costs))
        save_outputs(None, None, svg, view, "architectures")


@arch_app.command("layers")
def layers(
    name: NameArgument,
    input_size: Annotated[
        Optional[int],  # noqa: UP045 - Typer reads the annotation at run time
        typer.Option(
            "--input-size",
            min=1,
            max=4096,
            help="Input side in pixels (default: the variant's own, 224 mostly).",
            show_default=False,
        ),
    ] = None,
    detail: Annotated[
        bool,
        typer.Option(
            "--detail",
            metavar="",
            help="Every layer: type, kernel, stride, groups, output shape, params, MACs.",
        ),
    ] = False,
    as_json: JsonFlag = False,
    plot: PlotOption = None,
    svg: SvgOption = None,
) -> None:
    """Per-stage output shapes, params and MACs computed from the layer spec, and a block diagram (--detail: per layer)."""  # noqa: E501 - Typer rewraps help text
    from imagenet_cli import variant_layer_costs
    from imagenet_cli.render import arch as render

    check_outputs(plot, svg, not as_json)
    with user_errors():
        found = variant_layer_costs(name, input_size, detail)
    chosen, cost = found.variant, found.cost
    heading: dict[str, Any] = {}
    if found.backbone_of:  # a detector: the spec is its ImageNet backbone's
        heading = {"id": cost.spec.id, "name": cost.spec.name, "backbone_of": chosen.id}
        chosen = chosen._replace(name=f"{cost.spec.name} (the ImageNet backbone of {chosen.name})")
    if as_json:
        record = render.cost_record(cost) or {}
        write_json({**({"id": chosen.id, "name": chosen.name} | heading), **record})
        return
    view = render.layers_detail_view(chosen, cost) if detail else render.layers_view(chosen, cost)
    print_view(view)

    def figure() -> Any:
        from imagenet_cli.render.figures import views

        return views.layers_figure(chosen, cost)

    save_outputs(plot, figure, svg, view, chosen.name)


@arch_app.command("compare")
def compare(
    names: Annotated[
        list[str],
        typer.Argument(
            help="Two or more families or variants (a family stands for its headline variant).",
            metavar="NAME...",
            show_default=False,
        ),
    ],
    as_json: JsonFlag = False,
    plot: PlotOption = None,
    svg: SvgOption = None,
) -> None:
    """Put variants side by side: params, MACs, accuracy, paper results, detection."""
    from imagenet_cli import ImagenetError, computed_costs
    from imagenet_cli import find_architecture as get_architecture
    from imagenet_cli.render import arch as render

    check_outputs(plot, svg, not as_json)
    if len(names) < 2:
        raise typer.BadParameter(
            "compare needs two or more names, e.g. imagenet arch compare resnet50 vgg16",
            param_hint="NAME",
        )
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

        def figure() -> Any:
            from imagenet_cli.render.figures import views

            return views.compare_figure(picked, costs)

        save_outputs(plot, figure, svg, view, "compare")


@arch_app.command("bibtex")
def bibtex(name: NameArgument) -> None:
    """Print the BibTeX entry of a family's paper, or of a variant's own paper."""
    from imagenet_cli import find_architecture as get_architecture

    with user_errors():
        family, variant = get_architecture(name)
    paper = variant.paper if variant and variant.paper else None
    typer.echo(paper.bibtex if paper else family.bibtex)
