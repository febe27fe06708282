"""The Textual app of ``imagenet browse``: a lazy tree of the hierarchy and a detail pane.

Children are read from the index when a node is first expanded and added to the tree in
chunks of :data:`CHUNK`, one chunk per screen refresh, so a node with hundreds of
hyponyms (herb.n.01 has 309) never holds up the keyboard.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Input, Static, Tree
from textual.widgets.tree import TreeNode

from imagenet_cli._errors import ImagenetError
from imagenet_cli._files import atomic_write
from imagenet_cli.index.hierarchy import ENTITY
from imagenet_cli.index.search import no_match_error, search_synsets
from imagenet_cli.tui.model import Entry, HierarchyView
from imagenet_cli.tui.views import detail_text, label

#: Children added to the tree per screen refresh.
CHUNK = 50

#: Search hits kept for ``n`` (next hit).
SEARCH_LIMIT = 50


@dataclass(slots=True, eq=False)
class Slot:
    """The data of one tree node: its synset, and the children not yet added."""

    entry: Entry
    loaded: bool = False
    pending: list[Entry] = field(default_factory=list)


class HierarchyTree(Tree[Slot]):
    """A :class:`Tree` whose right and left arrows open and close nodes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right", "open_or_down", "Open", show=False),
        Binding("left", "close_or_up", "Close", show=False),
    ]

    def on_resize(self) -> None:
        if isinstance(self.app, BrowseApp):
            self.app.reveal_cursor()

    def get_label_width(self, node: TreeNode[Slot]) -> int:
        # Textual renders every label to measure it on each rebuild; the label's own
        # length and the arrow's are enough here and keep big expansions quick.
        text = node.label
        width = text.cell_len if isinstance(text, Text) else len(text)
        return width + (2 if node.allow_expand else 0)

    def action_open_or_down(self) -> None:
        node = self.cursor_node
        if node is None or not node.allow_expand:
            return
        if node.is_expanded and node.children:
            self.move_cursor(node.children[0])
        else:
            node.expand()

    def action_close_or_up(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.is_expanded:
            node.collapse()
        elif node.parent is not None:
            self.move_cursor(node.parent)


class SearchBox(Input):
    """The search line: Enter jumps to the best hit, Escape goes back to the tree."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def action_cancel(self) -> None:
        self.value = ""
        self.app.query_one("#searchbar").display = False
        self.app.query_one(HierarchyTree).focus()


class BrowseApp(App[None]):
    """Browse the WordNet 3.0 hierarchy of the index, or of one list (``--subset``)."""

    TITLE = "imagenet browse"
    ENABLE_COMMAND_PALETTE = False
    CSS = """
    #status { height: 1; padding: 0 1; background: $panel; color: $text-muted; }
    #panes { height: 1fr; }
    HierarchyTree { width: 1fr; min-width: 30; scrollbar-size: 1 1; }
    #detail-pane {
        width: 40%; min-width: 28; max-width: 60;
        border-left: vkey $secondary; padding: 0 1; scrollbar-size-vertical: 1;
    }
    #searchbar { display: none; height: 1; background: $boost; }
    #searchbar Static { width: auto; padding: 0 0 0 1; color: $accent; text-style: bold; }
    SearchBox { border: none; height: 1; padding: 0 1; background: $boost; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", "Search"),
        Binding("z", "zoom", "Zoom"),
        Binding("u", "unzoom", "Unzoom"),
        Binding("p", "parent", "Parent"),
        Binding("c", "copy_wnid", "Copy"),
        Binding("e", "export", "Export"),
        Binding("ctrl+s", "save_svg", "SVG"),
        Binding("q", "quit", "Quit"),
        Binding("ctrl+c", "quit", "Quit", show=False),
        Binding("n", "next_hit", "Next hit", show=False),
    ]

    def __init__(self, view: HierarchyView | None = None, start: int | None = None) -> None:
        """Open on ``start`` (an indexed offset, with its ancestors expanded), or on the root.

        Args:
            view: what to show (default: the whole index).
            start: the synset to put the cursor on; it must be in the view.
        """
        super().__init__()
        self.view = view if view is not None else HierarchyView()
        self.start = start
        self.root_offset = ENTITY
        #: Each zoom: the root before it and the offsets from that root to the new one.
        self.zooms: list[tuple[int, tuple[int, ...]]] = []
        self.generation = 0  # bumped on every re-root; chunk loaders of an old tree stop
        self.hits: list[int] = []
        self.hit = 0
        self.detail = Text()
        self.shown: TreeNode[Slot] | None = None  # the node the detail pane shows

    # -- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="status")
        with Horizontal(id="panes"):
            yield HierarchyTree(Text(""), id="tree")
            with VerticalScroll(id="detail-pane"):
                yield Static(id="detail")
        with Horizontal(id="searchbar"):
            yield Static("Search:")
            yield SearchBox(
                placeholder="lemma, wnid, name or class index; Enter jumps", id="search"
            )
        yield Footer()

    @property
    def tree_pane(self) -> HierarchyTree:
        """The tree pane."""
        return self.query_one(HierarchyTree)

    def on_mount(self) -> None:
        self.tree_pane.guide_depth = 2
        self._reroot(ENTITY)
        if self.start is not None:
            self.jump(self.start)
        self.tree_pane.focus()

    def reveal_cursor(self) -> None:
        """Bring the cursor's node back into view, and redo the status line (after the
        tree pane changed size)."""
        node = self.tree_pane.cursor_node
        if node is not None:
            self._reveal(node)
            self._show_status(node)

    # -- loading ----------------------------------------------------------------------

    def _reroot(self, offset: int) -> None:
        self.generation += 1
        self.root_offset = offset
        entry = self.view.entry(offset)
        tree = self.tree_pane
        tree.reset(label(entry), Slot(entry))
        tree.root.allow_expand = entry.has_children
        self._load(tree.root)
        tree.root.expand()
        self._place_cursor(tree.root)

    def _load(self, node: TreeNode[Slot]) -> None:
        """Read the node's children from the index and start adding them in chunks."""
        slot = node.data
        if slot is None or slot.loaded:
            return
        slot.loaded = True
        slot.pending = self.view.children(slot.entry.offset)
        self._add_chunk(node, self.generation)

    def _add_chunk(self, node: TreeNode[Slot], generation: int, size: int = CHUNK) -> None:
        slot = node.data
        if generation != self.generation or slot is None or not slot.pending:
            return
        batch, slot.pending = slot.pending[:size], slot.pending[size:]
        for entry in batch:
            node.add(label(entry), Slot(entry), allow_expand=entry.has_children)
        if slot.pending:
            self.call_after_refresh(self._add_chunk, node, generation)

    def _add_all_children(self, node: TreeNode[Slot]) -> None:
        """Load the node's children and add all that are still pending, now."""
        self._load(node)
        slot = node.data
        if slot is not None and slot.pending:
            self._add_chunk(node, self.generation, len(slot.pending))

    @on(Tree.NodeExpanded)
    def _expanded(self, event: Tree.NodeExpanded[Slot]) -> None:
        self._load(event.node)

    @on(Tree.NodeHighlighted)
    def _highlighted(self, event: Tree.NodeHighlighted[Slot]) -> None:
        self._show(event.node)

    def _show(self, node: TreeNode[Slot]) -> None:
        """Fill the detail pane and the status line for the node under the cursor."""
        slot = node.data
        if slot is None or node is self.shown:
            return
        self.shown = node
        self.detail = detail_text(self.view.detail(slot.entry.offset), self.view.subset)
        self.query_one("#detail", Static).update(self.detail)
        self.query_one("#detail-pane", VerticalScroll).scroll_home(animate=False)
        self._scroll_label_into_view(node)
        self._show_status(node)

    def _scroll_label_into_view(self, node: TreeNode[Slot], snug: bool = False) -> None:
        """Scroll sideways, as little as possible, so the node's label is in view (leaves
        sit up to 18 levels deep; Textual's tree scrolls only up and down); ``snug``:
        as far left as the label allows, even if it is in view already."""
        tree = self.tree_pane
        depth = 0
        at = node.parent
        while at is not None:
            depth, at = depth + 1, at.parent
        start = depth * tree.guide_depth
        end = start + tree.get_label_width(node)
        width = tree.scrollable_content_region.width
        x = tree.scroll_x
        if snug or start < x or end > x + width:
            tree.scroll_to(x=min(start, max(0, end - width)), animate=False)

    # -- moving -----------------------------------------------------------------------

    def _place_cursor(self, node: TreeNode[Slot]) -> None:
        tree = self.tree_pane
        _ = tree.last_line  # rebuild the tree's lines now, so the node knows its line
        tree.move_cursor(node)
        self._show(node)
        self._reveal(node)
        # Before the first layout the tree has no size yet: reveal it again after it.
        self.call_after_refresh(self._reveal, node)

    def _reveal(self, node: TreeNode[Slot]) -> None:
        """Scroll so the node sits mid-screen with its label in view, as far left as
        the label allows."""
        tree = self.tree_pane
        if tree.cursor_node is not node:
            return
        tree.center_scroll = True  # a jump lands mid-screen, with context above and below
        tree.scroll_to_node(node, animate=False)
        tree.center_scroll = False
        self._scroll_label_into_view(node, snug=True)

    def _follow(self, path: tuple[int, ...]) -> TreeNode[Slot] | None:
        """Expand the tree along ``path`` (offsets from the root down) and return its end."""
        node = self.tree_pane.root
        for offset in path[1:]:
            self._add_all_children(node)
            node.expand()
            found = next(
                (c for c in node.children if c.data is not None and c.data.entry.offset == offset),
                None,
            )
            if found is None:
                return None
            node = found
        return node

    def jump(self, offset: int) -> bool:
        """Put the cursor on a synset, expanding its ancestors along its first hypernym path
        under the current root (or under entity.n.01 if it lies elsewhere)."""
        path = self.view.path(offset, self.root_offset)
        if path is None:
            path = self.view.path(offset, ENTITY)
            if path is None:
                where = self.view.subset or "the index"
                self.notify(f"n{offset:08d} is not in {where}", severity="error")
                return False
            self.zooms.clear()
            self._reroot(ENTITY)
            self.notify("It lies outside the zoomed tree: back to entity.n.01")
        found = self._follow(path)
        if found is None:
            return False
        self._place_cursor(found)
        return True

    def _cursor_slot(self) -> tuple[TreeNode[Slot], Slot] | None:
        node = self.tree_pane.cursor_node
        if node is None or node.data is None:
            return None
        return node, node.data

    def action_parent(self) -> None:
        """Move the cursor to the node's parent in the tree."""
        found = self._cursor_slot()
        if found is None:
            return
        node, slot = found
        if node.parent is not None:
            self._place_cursor(node.parent)
        elif self.zooms:
            self.notify(f"{slot.entry.name} is the zoomed root: u backs out")
        else:
            self.notify(f"{slot.entry.name} is the root of WordNet's nouns")

    def action_zoom(self) -> None:
        """Re-root the tree at the highlighted node."""
        found = self._cursor_slot()
        if found is None:
            return
        node, slot = found
        if node.parent is None:
            self.notify(f"{slot.entry.name} is already the root")
            return
        path: list[int] = []
        at: TreeNode[Slot] | None = node
        while at is not None and at.data is not None:
            path.append(at.data.entry.offset)
            at = at.parent
        self.zooms.append((self.root_offset, tuple(reversed(path))))
        self._reroot(slot.entry.offset)

    def action_unzoom(self) -> None:
        """Back out of the last zoom, with the cursor on the node zoomed into."""
        if not self.zooms:
            self.notify("Not zoomed: z zooms into the highlighted node")
            return
        root, path = self.zooms.pop()
        self._reroot(root)
        found = self._follow(path)
        if found is not None:
            self._place_cursor(found)

    # -- search -----------------------------------------------------------------------

    def action_search(self) -> None:
        """Open the search line."""
        box = self.query_one(SearchBox)
        box.value = ""
        self.query_one("#searchbar").display = True
        box.focus()

    @on(Input.Submitted, "#search")
    def _search(self, event: Input.Submitted) -> None:
        self.query_one("#searchbar").display = False
        self.tree_pane.focus()
        query = event.value.strip()
        if not query:
            return
        try:
            found = search_synsets(query, subset=self.view.subset, limit=SEARCH_LIMIT)
            if not found.hits:
                raise no_match_error(query, self.view.subset)
        except ImagenetError as error:
            message = error.message + (f"; {error.hint}" if error.hint else "")
            if error.suggestions:
                message += f". Did you mean: {', '.join(error.suggestions)}?"
            self.notify(message, severity="error", markup=False)
            return
        self.hits = [hit.synset.offset for hit in found.hits]
        self.hit = 0
        first = found.hits[0].synset
        more = f" (1 of {found.total}; n: next)" if found.total > 1 else ""
        self.notify(f"{query} → {first.name}{more}", markup=False)
        self.jump(first.offset)

    def action_next_hit(self) -> None:
        """Jump to the next hit of the last search."""
        if not self.hits:
            return
        self.hit = (self.hit + 1) % len(self.hits)
        self.jump(self.hits[self.hit])

    # -- output -----------------------------------------------------------------------

    def action_copy_wnid(self) -> None:
        """Copy the highlighted synset's wnid to the clipboard (OSC 52)."""
        found = self._cursor_slot()
        if found is None:
            return
        entry = found[1].entry
        self.copy_to_clipboard(entry.wnid)
        self.notify(f"Copied {entry.wnid} ({entry.name})", markup=False)

    def action_export(self) -> None:
        """Export the highlighted synset's subtree (within the view's list) as node-link JSON
        for networkx or d3, with the exporter of ``imagenet synsets export``."""
        from imagenet_cli.index.export import write_export

        found = self._cursor_slot()
        if found is None:
            return
        entry = found[1].entry
        path = Path(f"imagenet-browse-{entry.wnid}.json")  # relative: the cwd may be gone
        try:
            with atomic_write(path) as handle:
                summary = write_export(handle, "json", root=entry.offset, subset=self.view.subset)
        except ImagenetError as error:
            self.notify(error.message, severity="error", markup=False)
            return
        self.notify(
            f"Exported {entry.name}: {summary.nodes:,} synsets, {summary.edges:,} edges to "
            f"{path} (synsets export -f json)",
            markup=False,
        )

    def action_save_svg(self) -> None:
        """Save the screen as an SVG file in the current folder."""
        found = self._cursor_slot()
        name = found[1].entry.wnid if found else "screen"
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
        path = Path(f"imagenet-browse-{name}-{stamp}.svg")  # relative: the cwd may be gone
        svg = self.export_screenshot(title="imagenet browse")
        try:
            with atomic_write(path) as handle:
                handle.write(svg)
        except ImagenetError as error:
            self.notify(error.message, severity="error", markup=False)
            return
        self.notify(f"Saved {path} in the current folder", markup=False)

    # -- status -----------------------------------------------------------------------

    def _show_status(self, node: TreeNode[Slot] | None = None) -> None:
        """The view (and zoom) and the path from the root to the cursor, cut on the left."""
        text = Text(self.view.subset or "all synsets", style="bold")
        if self.zooms:
            text.append(f" · zoom {len(self.zooms)} (u: out)", style="bold")
        names: list[str] = []
        while node is not None and node.data is not None:
            names.append(node.data.entry.name)
            node = node.parent
        if names:
            path = " › ".join(reversed(names))
            room = max(10, self.size.width - 2 - text.cell_len - 2)
            if len(path) > room:
                path = "…" + path[len(path) - room + 1 :]
            text.append(": ")
            text.append(path)
        self.query_one("#status", Static).update(text)
