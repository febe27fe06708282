"""``imagenet browse``: the Textual app driven by Pilot, checked against NLTK and timm.

Apps run headless at 80x24 through ``App.run_test``; expected synsets, parents and class
counts come from WordNet 3.0 through NLTK (the ``wn`` fixture) and the ILSVRC-2012 list
in the timm wheel, never from our own index.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import zipfile
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets.tree import TreeNode

from imagenet_cli.tui.app import CHUNK, BrowseApp, Slot
from imagenet_cli.tui.model import HierarchyView
from tests.conftest import ROOT, timm_list
from tests.test_cli import run
from tests.test_files import tiny_disk  # noqa: F401 - a fixture

SIZE = (80, 24)
GOLDEN = ROOT / "tests" / "golden"


def drive(app: BrowseApp, script: Callable[[Pilot[None]], Awaitable[None]]) -> None:
    """Run ``app`` headless and ``script`` against it."""

    async def main() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await script(pilot)

    asyncio.run(main())


def offset(synset: Any) -> int:
    return int(synset.offset())


def wnid(synset: Any) -> str:
    return f"n{synset.offset():08d}"


def cursor(app: BrowseApp) -> Slot:
    node = app.tree_pane.cursor_node
    assert node is not None and node.data is not None
    return node.data


def walk(node: TreeNode[Slot]) -> Iterator[TreeNode[Slot]]:
    yield node
    for child in node.children:
        yield from walk(child)


async def settle(pilot: Pilot[None], root: TreeNode[Slot]) -> None:
    """Let the chunk loaders finish under ``root``."""
    for _ in range(500):
        busy = [n for n in walk(root) if n.data is not None and n.data.pending]
        if not busy:
            return
        await pilot.pause()
    raise AssertionError("children still loading")


async def expand_everything(pilot: Pilot[None], root: TreeNode[Slot]) -> None:
    """Open every node below ``root``, as a user pressing space on each would."""
    while closed := [n for n in walk(root) if n.allow_expand and not n.is_expanded]:
        for node in closed:
            node.expand()
        await pilot.pause()
        await settle(pilot, root)


@pytest.fixture(scope="module")
def ilsvrc2012(timm_wheel: zipfile.ZipFile) -> list[str]:
    """The 1000 ILSVRC-2012 wnids in class-index order (sorted), from the timm wheel."""
    return timm_list(timm_wheel, "imagenet_synsets.txt")


def classes_under(wn: Any, name: str, ilsvrc2012: list[str]) -> set[str]:
    """ILSVRC-2012 wnids at or below a synset in WordNet 3.0 (hyponyms and instances)."""
    top = wn.synset(name)
    below = {top, *top.closure(lambda s: s.hyponyms() + s.instance_hyponyms())}
    return {wnid(s) for s in below} & set(ilsvrc2012)


def test_opens_on_an_id_with_its_ancestors_expanded(wn: Any, ilsvrc2012: list[str]) -> None:
    golden = wn.synset_from_pos_and_offset("n", 2099601)
    app = BrowseApp(start=offset(golden))

    async def script(pilot: Pilot[None]) -> None:
        assert cursor(app).entry.wnid == "n02099601"
        node = app.tree_pane.cursor_node
        above = []
        while node is not None and node.data is not None:
            above.append(node.data.entry.offset)
            assert node.parent is None or node.parent.is_expanded
            node = node.parent
        nltk_paths = {tuple(offset(s) for s in path) for path in golden.hypernym_paths()}
        assert tuple(reversed(above)) in nltk_paths
        detail = app.detail.plain
        assert f"ILSVRC-2012 class {ilsvrc2012.index('n02099601')}" in detail
        assert all(lemma.replace("_", " ") in detail for lemma in golden.lemma_names())
        assert golden.definition() in detail

    drive(app, script)


def test_search_tabby_jumps_to_the_tabby_cat(wn: Any) -> None:
    app = BrowseApp()

    async def script(pilot: Pilot[None]) -> None:
        await pilot.press("slash", *"tabby", "enter")
        await pilot.pause()
        found = cursor(app).entry
        assert found.wnid == "n02123045"
        assert "tabby" in wn.synset_from_pos_and_offset("n", found.offset).lemma_names()
        assert app.tree_pane.has_focus
        await pilot.press("n")  # the next hit of the same search: another tabby
        await pilot.pause()
        assert cursor(app).entry.wnid != "n02123045"

    drive(app, script)


def test_search_without_hits_says_so_and_stays(wn: Any) -> None:
    app = BrowseApp(start=offset(wn.synset("dog.n.01")))

    async def script(pilot: Pilot[None]) -> None:
        await pilot.press("slash", *"qzxqzx", "enter")
        await pilot.pause()
        assert cursor(app).entry.name == "dog.n.01"
        assert any("no synset matches 'qzxqzx'" in n.message for n in app._notifications)

    drive(app, script)


def test_dog_lists_both_parents(wn: Any) -> None:
    dog = wn.synset("dog.n.01")
    parents = dog.hypernyms() + dog.instance_hypernyms()
    assert len(parents) == 2  # canine.n.02 and domestic_animal.n.01
    app = BrowseApp(start=offset(dog))

    async def script(pilot: Pilot[None]) -> None:
        slot = cursor(app)
        assert slot.entry.parent_count == len(parents)
        assert "⇄" in str(app.tree_pane.cursor_node.label)  # type: ignore[union-attr]
        detail = app.detail.plain
        assert f"Parents ({len(parents)})" in detail
        for parent in parents:
            assert f"{parent.name()} {wnid(parent)}" in detail
        assert f"Hypernym paths ({len(dog.hypernym_paths())})" in detail

    drive(app, script)


def test_labels_count_classes_and_21k_synsets_below(
    wn: Any, ilsvrc2012: list[str], timm_wheel: zipfile.ZipFile
) -> None:
    """``dog.n.01 (118 · 190) ⇄``: the counts of NLTK's hyponym closure (dog itself
    included) in timm's ILSVRC-2012 and fall 2011 21k lists; every path listed."""
    in21k = set(timm_list(timm_wheel, "imagenet22k_synsets.txt"))
    dog = wn.synset("dog.n.01")
    below = {wnid(s) for s in {dog, *dog.closure(lambda s: s.hyponyms() + s.instance_hyponyms())}}
    app = BrowseApp(start=offset(dog))

    async def script(pilot: Pilot[None]) -> None:
        node = app.tree_pane.cursor_node
        assert node is not None
        assert str(node.label) == (
            f"dog.n.01 ({len(below & set(ilsvrc2012))} · {len(below & in21k)}) ⇄"
        )
        detail = app.detail.plain
        for path in dog.hypernym_paths():
            assert " › ".join(s.name() for s in path) in detail.replace("\n", " ")

    drive(app, script)


def test_instance_hypernyms_are_marked(wn: Any) -> None:
    sun = wn.synset("sun.n.01")
    (star,) = sun.instance_hypernyms()
    app = BrowseApp(start=offset(sun))

    async def script(pilot: Pilot[None]) -> None:
        assert f"{star.name()} {wnid(star)} (instance of)" in app.detail.plain

    drive(app, script)


def test_p_moves_to_the_parent(wn: Any) -> None:
    golden = wn.synset_from_pos_and_offset("n", 2099601)
    app = BrowseApp(start=offset(golden))

    async def script(pilot: Pilot[None]) -> None:
        await pilot.press("p")
        assert cursor(app).entry.offset == offset(golden.hypernyms()[0])

    drive(app, script)


def test_zoom_on_dog_shows_its_classes_and_u_backs_out(wn: Any, ilsvrc2012: list[str]) -> None:
    expected = classes_under(wn, "dog.n.01", ilsvrc2012)
    assert len(expected) == 118
    app = BrowseApp(start=offset(wn.synset("dog.n.01")))

    async def script(pilot: Pilot[None]) -> None:
        await pilot.press("z")
        root = app.tree_pane.root
        assert root.data is not None and root.data.entry.name == "dog.n.01"
        assert f"({len(expected)} · " in str(root.label)
        await expand_everything(pilot, root)
        shown = {
            n.data.entry.wnid
            for n in walk(root)
            if n.data is not None and n.data.entry.class_index is not None
        }
        assert shown == expected
        await pilot.press("u")
        assert app.tree_pane.root.data.entry.name == "entity.n.01"  # type: ignore[union-attr]
        assert cursor(app).entry.name == "dog.n.01"

    drive(app, script)


def test_ilsvrc2012_view_leaves_are_the_classes(wn: Any, ilsvrc2012: list[str]) -> None:
    """With --subset ilsvrc2012 only branches to classes remain: under dog every leaf
    is one of the 1000 classes, and all of dog's classes are there."""
    app = BrowseApp(HierarchyView("ilsvrc2012"), start=offset(wn.synset("dog.n.01")))

    async def script(pilot: Pilot[None]) -> None:
        await pilot.press("z")
        root = app.tree_pane.root
        await expand_everything(pilot, root)
        leaves = {n.data.entry.wnid for n in walk(root) if n.data and not n.children}
        assert leaves <= set(ilsvrc2012)
        assert leaves == classes_under(wn, "dog.n.01", ilsvrc2012) - {
            n.data.entry.wnid for n in walk(root) if n.data and n.children
        }

    drive(app, script)


@pytest.mark.parametrize("subset", [None, "in21k-fall2011"])
def test_hundreds_of_children_arrive_in_chunks(wn: Any, subset: str | None) -> None:
    """herb.n.01 has hundreds of hyponyms in the index (and in the 21k view): they are
    added a chunk per refresh, and all of them are WordNet hyponyms of herb.n.01."""
    herb = wn.synset("herb.n.01")
    app = BrowseApp(HierarchyView(subset), start=offset(herb))

    async def script(pilot: Pilot[None]) -> None:
        node = app.tree_pane.cursor_node
        assert node is not None
        node.expand()
        await pilot.pause(0)
        first = len(node.children)
        assert 0 < first <= 2 * CHUNK
        await settle(pilot, node)
        kids = {n.data.entry.offset for n in node.children if n.data}
        assert len(kids) > 2 * CHUNK
        nltk = {offset(s) for s in herb.hyponyms() + herb.instance_hyponyms()}
        assert kids <= nltk

    drive(app, script)


def test_copy_puts_the_wnid_on_the_clipboard(wn: Any) -> None:
    app = BrowseApp(start=offset(wn.synset("dog.n.01")))

    async def script(pilot: Pilot[None]) -> None:
        await pilot.press("c")
        assert app.clipboard == wnid(wn.synset("dog.n.01"))
        assert any(app.clipboard in n.message for n in app._notifications)

    drive(app, script)


def test_ctrl_s_saves_an_svg(wn: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = BrowseApp(start=offset(wn.synset("dog.n.01")))

    async def script(pilot: Pilot[None]) -> None:
        await pilot.press("ctrl+s")

    drive(app, script)
    (saved,) = tmp_path.iterdir()
    assert saved.name.startswith("imagenet-browse-n02084071-") and saved.suffix == ".svg"
    svg = saved.read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "dog.n.01" in svg


def test_ctrl_s_on_a_full_disk_says_so_and_leaves_nothing(
    wn: Any,
    tiny_disk: Path,  # noqa: F811 - the fixture imported above
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tiny_disk)  # 64 KiB: less than one screenshot
    app = BrowseApp(start=offset(wn.synset("dog.n.01")))

    async def script(pilot: Pilot[None]) -> None:
        await pilot.press("ctrl+s")
        (note,) = app._notifications
        assert note.severity == "error" and "cannot write imagenet-browse-" in note.message

    drive(app, script)
    assert list(tiny_disk.iterdir()) == []


# -- snapshots ---------------------------------------------------------------------------


def snapshot(app: BrowseApp, name: str, keys: tuple[str, ...] = ()) -> None:
    """Compare the screen as SVG with tests/golden/<name>.svg (UPDATE_GOLDEN=1 rewrites)."""

    async def script(pilot: Pilot[None]) -> None:
        await pilot.press(*keys)
        await pilot.pause()
        await settle(pilot, app.tree_pane.root)
        app.clear_notifications()
        await pilot.pause()
        shot = app.export_screenshot(title="imagenet browse")
        path = GOLDEN / f"{name}.svg"
        if os.environ.get("UPDATE_GOLDEN"):
            path.parent.mkdir(exist_ok=True)
            path.write_text(shot, encoding="utf-8")
        assert path.exists(), f"{path} is missing: run with UPDATE_GOLDEN=1 and review it"
        assert shot == path.read_text(encoding="utf-8")

    drive(app, script)


@pytest.fixture
def plain_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR", "TEXTUAL_THEME", "COLORTERM"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.usefixtures("plain_terminal")
def test_snapshot_golden_retriever() -> None:
    snapshot(BrowseApp(start=2099601), "browse_golden_retriever")


@pytest.mark.usefixtures("plain_terminal")
def test_snapshot_zoom_on_dog() -> None:
    snapshot(BrowseApp(start=2084071), "browse_zoom_dog", ("z",))


# -- the command -------------------------------------------------------------------------


def test_browse_help() -> None:
    code, out, _ = run("browse", "--help")
    assert code == 0 and "Usage" in out and "--subset" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["retreiver"], "Error: no synset matches 'retreiver'. Did you mean: retriever"),
        (["dog.n.01", "--subset", "imagenete"], "Error: no subset matches 'imagenete'"),
        (["n02123045", "--subset", "imagenette"], "Error: tabby.n.01 (n02123045) is not in"),
        (["dog.n.01"], "Error: imagenet browse needs a terminal"),
    ],
)
def test_browse_errors(args: list[str], message: str) -> None:
    code, out, err = run("browse", *args)
    assert (code, out) == (1, "")
    assert err.startswith(message) and err.count("\n") == 1


def test_browse_usage_error() -> None:
    assert run("browse", "--no-such-option")[0] == 2


def test_without_textual_one_line_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "textual", None)  # as if not installed
    code, out, err = run("browse", "dog.n.01")
    assert (code, out) == (1, "")
    assert err == "Error: imagenet browse needs Textual: pip install 'imagenet-cli[tui]'\n"


def test_other_commands_never_import_textual() -> None:
    """Building the whole CLI (as ``imagenet --help`` does) imports no Textual."""
    code = (
        "import sys; from imagenet_cli.cli.main import make_app; make_app(); "
        "import imagenet_cli.tui, imagenet_cli.tui.model; "
        "assert not [m for m in sys.modules if m.split('.')[0] == 'textual'], 'textual'"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_escape_closes_the_search_and_keys_go_back_to_the_tree(wn: Any) -> None:
    app = BrowseApp(start=offset(wn.synset("dog.n.01")))

    async def script(pilot: Pilot[None]) -> None:
        await pilot.press("slash", "z", "escape")  # "z" is typed, not a zoom
        assert app.tree_pane.has_focus and not app.zooms
        await pilot.press("z")
        assert app.tree_pane.root.data.entry.name == "dog.n.01"  # type: ignore[union-attr]
        await pilot.press("p")  # at the zoomed root: nothing above in this tree
        assert cursor(app).entry.name == "dog.n.01"
        await pilot.press("u", "u")  # the second has no zoom to leave
        assert app.tree_pane.root.data.entry.name == "entity.n.01"  # type: ignore[union-attr]
        assert any("Not zoomed" in n.message for n in app._notifications)

    drive(app, script)


def test_e_exports_the_subtree_with_the_synsets_export_writer(
    wn: Any, timm_wheel: zipfile.ZipFile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    import networkx as nx

    monkeypatch.chdir(tmp_path)
    dog = wn.synset("dog.n.01")
    app = BrowseApp(start=offset(dog))

    async def script(pilot: Pilot[None]) -> None:
        await pilot.press("e")

    drive(app, script)
    (saved,) = tmp_path.iterdir()
    assert saved.name == "imagenet-browse-n02084071.json"
    graph = nx.node_link_graph(json.loads(saved.read_text(encoding="utf-8")))
    below = {wnid(s) for s in dog.closure(lambda s: s.hyponyms() + s.instance_hyponyms())}
    assert set(graph.nodes) <= below | {wnid(dog)}
    classes = set(timm_list(timm_wheel, "imagenet_synsets.txt"))
    assert len(set(graph.nodes) & classes) == len(below & classes)
    assert nx.is_directed_acyclic_graph(graph)
