"""ImageNet offline: the WordNet 3.0 synsets behind its categories, its label spaces, the
ILSVRC timeline and the landmark architectures, as a typed Python library.

Look up, walk up, walk down, compare::

    >>> import imagenet_cli as inet
    >>> dog = inet.synset("n02084071")          # or "dog.n.01", "dog%1:05:00::", 207 ...
    >>> [s.name for s in dog.hypernyms()]
    ['canine.n.02', 'domestic_animal.n.01']
    >>> len(dog.classes_under())
    118
    >>> inet.synset("tabby.n.01").wup_similarity(inet.synset("tiger cat"))
    0.875

Everything here is bundled: no network, no WordNet corpus, no NLTK. ``Synset`` methods
carry NLTK's names and give NLTK's results on WordNet 3.0. Every error is an
:class:`ImagenetError`; the modules below this package (``index``, ``facts``, ``corpus``,
``render``, ``cli``) are internal and may change without notice.

Data sources: ``data/SOURCES.md`` in the distribution (WordNet 3.0 through NLTK, the
ImageNet lists of the timm wheel, torchvision's model metadata, and the papers).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from imagenet_cli._errors import (
    Ambiguous,
    DataMissing,
    EmptyInput,
    ImagenetError,
    NotFound,
    OutOfRange,
)

if TYPE_CHECKING:
    from imagenet_cli._files import OutputError, atomic_write
    from imagenet_cli.corpus.finder import (
        Corpus,
        default_install_root,
        find_corpora,
        nltk_data_path,
        pick_corpus,
    )
    from imagenet_cli.corpus.fullwordnet import NEEDS_CORPUS, verify_index
    from imagenet_cli.corpus.fullwordnet import search_all as search_all_wordnet
    from imagenet_cli.corpus.fullwordnet import show_any as show_wordnet_synset
    from imagenet_cli.corpus.installer import NLTK_WORDNET, NLTK_WORDNET_URL, InstallError
    from imagenet_cli.corpus.installer import Expected as ExpectedArchive
    from imagenet_cli.corpus.installer import import_corpus as import_wordnet
    from imagenet_cli.corpus.installer import install_from_url as install_wordnet
    from imagenet_cli.corpus.installer import redact as redact_url
    from imagenet_cli.corpus.swap import SwapInterrupted
    from imagenet_cli.corpus.swap import leftovers as staging_leftovers
    from imagenet_cli.eval.distances import (
        DistanceMatrix,
        Metric,
        class_set,
        distance_matrix,
        matrix_stats,
        read_wnid_lines,
    )
    from imagenet_cli.eval.labels import real_labels, val_labels
    from imagenet_cli.eval.scoring import Evaluation, evaluate, mistake_severity
    from imagenet_cli.facts.about import Category
    from imagenet_cli.facts.architectures import (
        Architecture,
        Variant,
        computed_costs,
        variant_layer_costs,
    )
    from imagenet_cli.facts.layers import NetworkCost
    from imagenet_cli.facts.timeline import FIRST_CONTEST, LAST_CONTEST
    from imagenet_cli.facts.timeline import Entry as TimelineEntry
    from imagenet_cli.index.beyond import PathStep, corpus_hypernym_paths
    from imagenet_cli.index.classes import Duplicate, ImagenetClass, NotAClass, Scheme
    from imagenet_cli.index.convert import ConvertError, convert, converter
    from imagenet_cli.index.decode import (
        Decoded,
        Prediction,
        ScoreError,
        decode,
        decode_file,
        output_names,
        read_scores,
    )
    from imagenet_cli.index.export import (
        DOT_LAYOUT_LIMIT,
        ExportSummary,
        HierarchyStats,
        plan_export,
    )
    from imagenet_cli.index.export import FORMATS as EXPORT_FORMATS
    from imagenet_cli.index.export import check_options as check_export_options
    from imagenet_cli.index.hierarchy import (
        Comparison,
        Node,
        Pair,
        SynsetDetails,
        TreeNode,
    )
    from imagenet_cli.index.identifiers import Form, Identifier
    from imagenet_cli.index.labelspaces import (
        LabelSpace,
        LayoutMap,
        label_space,
        label_spaces,
        layout_for_width,
        layout_map,
    )
    from imagenet_cli.index.search import Match, SearchHit, SearchResults
    from imagenet_cli.index.subsets import Member, Subset
    from imagenet_cli.index.synsets import Synset

__version__ = "0.2.0"

__all__ = [
    "DOT_LAYOUT_LIMIT",
    "EXPORT_FORMATS",
    "FIRST_CONTEST",
    "LAST_CONTEST",
    "NEEDS_CORPUS",
    "NLTK_WORDNET",
    "NLTK_WORDNET_URL",
    "Ambiguous",
    "Architecture",
    "Category",
    "Comparison",
    "ConvertError",
    "Corpus",
    "DataMissing",
    "Decoded",
    "DistanceMatrix",
    "Duplicate",
    "EmptyInput",
    "Evaluation",
    "ExpectedArchive",
    "ExportSummary",
    "Form",
    "HierarchyStats",
    "Identifier",
    "ImagenetClass",
    "ImagenetError",
    "InstallError",
    "LabelSpace",
    "LayoutMap",
    "Match",
    "Member",
    "Metric",
    "NetworkCost",
    "Node",
    "NotAClass",
    "NotFound",
    "OutOfRange",
    "OutputError",
    "Pair",
    "PathStep",
    "Prediction",
    "Scheme",
    "ScoreError",
    "SearchHit",
    "SearchResults",
    "Subset",
    "SwapInterrupted",
    "Synset",
    "SynsetDetails",
    "TimelineEntry",
    "TreeNode",
    "Variant",
    "__version__",
    "architecture",
    "architectures",
    "atomic_write",
    "categories",
    "check_export_options",
    "class_depths",
    "class_set",
    "classes",
    "classes_in",
    "classes_under",
    "compare",
    "computed_costs",
    "convert",
    "converter",
    "corpus_hypernym_paths",
    "decode",
    "decode_file",
    "default_install_root",
    "details",
    "distance_matrix",
    "duplicate_names",
    "evaluate",
    "export",
    "find_architecture",
    "find_corpora",
    "get_class",
    "human_error",
    "hyponym_tree",
    "import_wordnet",
    "install_wordnet",
    "label_space",
    "label_spaces",
    "layer_costs",
    "layout_for_width",
    "layout_map",
    "lowest_common_hypernyms",
    "matrix_stats",
    "mistake_severity",
    "nltk_data_path",
    "no_match_error",
    "other_wordnet_senses",
    "output_names",
    "pairs",
    "parse_identifier",
    "pick_corpus",
    "plan_export",
    "read_scores",
    "read_wnid_lines",
    "real_labels",
    "redact_url",
    "releases",
    "search",
    "search_all_wordnet",
    "search_hits",
    "show_wordnet_synset",
    "staging_leftovers",
    "stats",
    "subset",
    "subset_members",
    "subsets",
    "synset",
    "timeline",
    "val_labels",
    "variant",
    "variant_layer_costs",
    "verify_index",
    "winning_errors",
    "write_export",
]

#: Public names defined in internal modules, imported on first use (keeps start-up short).
_LAZY = {
    "FIRST_CONTEST": "imagenet_cli.facts.timeline",
    "LAST_CONTEST": "imagenet_cli.facts.timeline",
    "Architecture": "imagenet_cli.facts.architectures",
    "Category": "imagenet_cli.facts.about",
    "Variant": "imagenet_cli.facts.architectures",
    "NetworkCost": "imagenet_cli.facts.layers",
    "TimelineEntry": "imagenet_cli.facts.timeline:Entry",
    "ImagenetClass": "imagenet_cli.index.classes",
    "Duplicate": "imagenet_cli.index.classes",
    "Comparison": "imagenet_cli.index.hierarchy",
    "Node": "imagenet_cli.index.hierarchy",
    "Pair": "imagenet_cli.index.hierarchy",
    "SynsetDetails": "imagenet_cli.index.hierarchy",
    "TreeNode": "imagenet_cli.index.hierarchy",
    "Member": "imagenet_cli.index.subsets",
    "corpus_hypernym_paths": "imagenet_cli.index.beyond",
    "PathStep": "imagenet_cli.index.beyond",
    "find_corpora": "imagenet_cli.corpus.finder",
    "pick_corpus": "imagenet_cli.corpus.finder",
    "default_install_root": "imagenet_cli.corpus.finder",
    "nltk_data_path": "imagenet_cli.corpus.finder",
    "Corpus": "imagenet_cli.corpus.finder",
    "staging_leftovers": "imagenet_cli.corpus.swap:leftovers",
    "SwapInterrupted": "imagenet_cli.corpus.swap",
    "NLTK_WORDNET": "imagenet_cli.corpus.installer",
    "NLTK_WORDNET_URL": "imagenet_cli.corpus.installer",
    "ExpectedArchive": "imagenet_cli.corpus.installer:Expected",
    "install_wordnet": "imagenet_cli.corpus.installer:install_from_url",
    "redact_url": "imagenet_cli.corpus.installer:redact",
    "import_wordnet": "imagenet_cli.corpus.installer:import_corpus",
    "InstallError": "imagenet_cli.corpus.installer",
    "verify_index": "imagenet_cli.corpus.fullwordnet",
    "computed_costs": "imagenet_cli.facts.architectures",
    "variant_layer_costs": "imagenet_cli.facts.architectures",
    "atomic_write": "imagenet_cli._files",
    "converter": "imagenet_cli.index.convert",
    "output_names": "imagenet_cli.index.decode",
    "class_set": "imagenet_cli.eval.distances",
    "matrix_stats": "imagenet_cli.eval.distances",
    "read_wnid_lines": "imagenet_cli.eval.distances",
    "check_export_options": "imagenet_cli.index.export:check_options",
    "plan_export": "imagenet_cli.index.export",
    "DOT_LAYOUT_LIMIT": "imagenet_cli.index.export",
    "search_all_wordnet": "imagenet_cli.corpus.fullwordnet:search_all",
    "show_wordnet_synset": "imagenet_cli.corpus.fullwordnet:show_any",
    "NEEDS_CORPUS": "imagenet_cli.corpus.fullwordnet",
    "decode": "imagenet_cli.index.decode",
    "decode_file": "imagenet_cli.index.decode",
    "read_scores": "imagenet_cli.index.decode",
    "Decoded": "imagenet_cli.index.decode",
    "Prediction": "imagenet_cli.index.decode",
    "ScoreError": "imagenet_cli.index.decode",
    "convert": "imagenet_cli.index.convert",
    "ConvertError": "imagenet_cli.index.convert",
    "label_space": "imagenet_cli.index.labelspaces",
    "label_spaces": "imagenet_cli.index.labelspaces",
    "layout_for_width": "imagenet_cli.index.labelspaces",
    "layout_map": "imagenet_cli.index.labelspaces",
    "LabelSpace": "imagenet_cli.index.labelspaces",
    "LayoutMap": "imagenet_cli.index.labelspaces",
    "ExportSummary": "imagenet_cli.index.export",
    "HierarchyStats": "imagenet_cli.index.export",
    "EXPORT_FORMATS": "imagenet_cli.index.export:FORMATS",
    "evaluate": "imagenet_cli.eval.scoring",
    "mistake_severity": "imagenet_cli.eval.scoring",
    "Evaluation": "imagenet_cli.eval.scoring",
    "distance_matrix": "imagenet_cli.eval.distances",
    "DistanceMatrix": "imagenet_cli.eval.distances",
    "Metric": "imagenet_cli.eval.distances",
    "val_labels": "imagenet_cli.eval.labels",
    "real_labels": "imagenet_cli.eval.labels",
    "NotAClass": "imagenet_cli.index.classes",
    "Scheme": "imagenet_cli.index.classes",
    "Form": "imagenet_cli.index.identifiers",
    "Identifier": "imagenet_cli.index.identifiers",
    "Subset": "imagenet_cli.index.subsets",
    "Match": "imagenet_cli.index.search",
    "SearchHit": "imagenet_cli.index.search",
    "SearchResults": "imagenet_cli.index.search",
    "Synset": "imagenet_cli.index.synsets",
    "OutputError": "imagenet_cli._files",
}


def __getattr__(name: str) -> Any:
    where = _LAZY.get(name)
    if where is None:
        raise AttributeError(f"module 'imagenet_cli' has no attribute {name!r}")
    from importlib import import_module

    module, _, attribute = where.partition(":")
    value = getattr(import_module(module), attribute or name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


# Synsets ------------------------------------------------------------------------------------


def synset(identifier: int | str) -> Synset:
    """One synset of the ImageNet index, by any identifier a user has in hand.

    Args:
        identifier: a wnid (``"n02084071"``), an offset-pos (``"02084071-n"``,
            ``"02084071n"``, ``"wn:02084071n"``), a WordNet name (``"dog.n.01"``), a
            WordNet 3.0 sense key (``"dog%1:05:00::"``), a lemma that names one synset
            (``"golden retriever"``, any case, spaces or underscores, inflected forms such as
            ``"geese"``), or an ILSVRC-2012 class index (``207``, 0-999, sorted-wnid order).

    Returns:
        The :class:`Synset`.

    Raises:
        TypeError: ``identifier`` is neither an int nor a str.
        NotFound: nothing in the index matches; ``hint`` says why where the form tells
            (a WordNet 3.0 noun that ImageNet lacks, a wnid without zero padding, a verb)
            and ``suggestions`` lists look-alike lemmas.
        Ambiguous: a lemma of several ImageNet synsets (``"crane"``); ``candidates`` lists them.
        OutOfRange: an int outside 0-999.

    Example:
        >>> synset("crane.n.05").ilsvrc2012_index
        134
    """
    from imagenet_cli.index.identifiers import resolve

    return resolve(identifier)


def parse_identifier(identifier: int | str) -> Identifier:
    """Which form of synset identifier a value is (no look-up): see :func:`synset`.

    Raises:
        TypeError: neither an int nor a str.
        ImagenetError: an empty string.
    """
    from imagenet_cli.index.identifiers import parse_identifier as parse

    return parse(identifier)


def search(query: str, *, subset: str | None = None, limit: int | None = None) -> list[Synset]:
    """Synsets matching ``query``, best first, with the ranking of ``imagenet synsets search``.

    Ranking: exact lemma (WordNet's sense order; inflections found through WordNet's
    morphology), then wnid / WordNet name / class index / sense key, hyponyms of an exact
    match that match below, a lemma prefix, a whole word inside a lemma, part of a lemma,
    a whole word of the gloss; look-alike spellings only when nothing else matched.

    Args:
        query: any text; case, underscores, accents and extra spaces are ignored.
        subset: keep only members of this bundled list (see :func:`subsets`).
        limit: at most this many (None or 0: all).

    Returns:
        A new list of :class:`Synset` (empty when nothing matches).

    Raises:
        TypeError: ``query`` is not a str.
        ImagenetError: ``query`` is empty.
        NotFound: ``subset`` is not a bundled list.
        OutOfRange: ``limit`` is negative.
    """
    return [hit.synset for hit in search_hits(query, subset=subset, limit=limit).hits]


def search_hits(
    query: str, *, subset: str | None = None, limit: int | None = None
) -> SearchResults:
    """As :func:`search`, with how each synset matched (:class:`Match`) and the total count.

    Returns:
        ``SearchResults(hits, total)``: ``hits`` a tuple of :class:`SearchHit` (``synset``,
        ``match``, ``matched``: the lemma or text matched), ``total`` all matches before
        ``limit``.

    Raises:
        As :func:`search`.
    """
    from imagenet_cli.index.search import search_synsets

    if not isinstance(query, str):
        raise TypeError(f"a search query is a str, not {type(query).__name__}")
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int)):
        raise TypeError(f"limit is an int or None, not {type(limit).__name__}")
    if limit is not None and limit < 0:
        raise OutOfRange("limit", limit, 0, None)
    return search_synsets(query, subset=subset, limit=limit)


def no_match_error(query: str, subset: str | None = None) -> NotFound:
    """The error to raise for a search without hits, saying why where the query shows it.

    A query found outside ``subset`` says where it is; a WordNet 3.0 noun that ImageNet
    lacks, a wnid missing its zero padding or a verb's name say so; anything else gets
    look-alike lemmas as ``suggestions``.
    """
    from imagenet_cli.index.search import no_match_error as explain

    return explain(query, subset)


def other_wordnet_senses(identifier: str, shown: Synset) -> tuple[str, ...]:
    """WordNet 3.0 noun synsets named ``<lemma>.n.NN`` that ImageNet lacks, for a lemma
    query (``hope`` finds hope.n.04 in ImageNet; WordNet has hope.n.01-06); empty for
    wnids, names and numbers. From the bundled list of all WordNet 3.0 noun names."""
    from imagenet_cli.index.identifiers import other_wordnet_senses as others

    return others(identifier, shown)


def details(synset: Synset) -> SynsetDetails:
    """Everything known of one synset at once: counts below it, its parents, its hyponyms
    in the index with their counts, and every hypernym path (:class:`SynsetDetails`)."""
    from imagenet_cli.index.hierarchy import details as build

    return build(synset)


def hyponym_tree(
    root: Synset, *, depth: int = 2, max_children: int = 25, subset: str | None = None
) -> TreeNode:
    """The hyponyms below ``root`` down to ``depth`` levels, as nested :class:`TreeNode`.

    Children are ordered by ILSVRC-2012 classes beneath them, then 21k synsets, then
    name; past ``max_children`` (0: no limit) the rest are counted in
    ``hidden_children``. With ``subset``, only branches leading to that list's synsets.

    Raises:
        OutOfRange: a negative ``depth`` or ``max_children``.
        NotFound: ``subset`` is not a bundled list, or none of its synsets is under root
            (``kind`` is ``"subset member"``).
    """
    from imagenet_cli.index.hierarchy import hyponym_tree as grow
    from imagenet_cli.index.hierarchy import members_with_ancestors
    from imagenet_cli.index.synsets import subset_members as members

    within = None if subset is None else members_with_ancestors(members(subset))
    if within is not None and root.offset not in within:
        raise NotFound(
            "subset member",
            root.name,
            suggestions=(),
            hint=f"no synset of {subset} lies under {root.name}",
        )
    return grow(root.offset, depth=depth, max_children=max_children, within=within)


def pairs(*synsets: Synset, with_path: bool = False) -> Iterator[Pair]:
    """Every pair's measures (:class:`Pair`), one at a time, for comparing many synsets in
    bounded memory: ``n * (n - 1) / 2`` pairs in input order; ``path`` is empty unless
    ``with_path``. Use :func:`compare` for a few synsets.

    Raises:
        OutOfRange: fewer than two synsets.
    """
    from imagenet_cli.index.hierarchy import pairs as each

    if len(synsets) < 2:
        raise OutOfRange("synsets", len(synsets), 2, None, message="pairs needs two synsets")
    return each(synsets, with_path=with_path)


def lowest_common_hypernyms(*synsets: Synset) -> tuple[Synset, ...]:
    """The lowest common hypernyms of all the synsets (NLTK's rule: the common hypernyms of
    greatest ``max_depth``), sorted by name.

    Raises:
        OutOfRange: no synset given.
    """
    from imagenet_cli.index.hierarchy import lowest_common_of

    if not synsets:
        raise OutOfRange("synsets", 0, 1, None, message="no synset given")
    return lowest_common_of(synsets)


def compare(*synsets: Synset) -> Comparison:
    """The lowest common hypernyms of two or more synsets, and for each pair NLTK's
    measures on WordNet 3.0 with one shortest path (:class:`Comparison`).

    Raises:
        OutOfRange: fewer than two synsets.
    """
    from imagenet_cli.index.hierarchy import compare as build

    return build(synsets)


# The 1000 classes -----------------------------------------------------------------------------


def classes(scheme: str | Scheme = "index") -> tuple[ImagenetClass, ...]:
    """The 1000 ILSVRC-2012 classes, ordered by ``scheme``'s numbering.

    Args:
        scheme: ``"index"`` (0-999, sorted wnids: PyTorch, Keras, timm, Caffe),
            ``"one-based"`` (1-1000, same order), ``"tf-slim"`` (slots 1-1000 of a 1001-way
            output, slot 0 is background; same order) or ``"devkit"`` (the devkit's
            ILSVRC2012_ID, 1-1000: another order, tench is 449).

    Returns:
        A tuple of :class:`ImagenetClass`; ``c.number(scheme)`` gives each one's number.

    Raises:
        NotFound: an unknown scheme.
    """
    from imagenet_cli.index.classes import all_classes, scheme_of

    chosen = scheme_of(scheme)
    found = all_classes()
    if chosen.value == "devkit":
        return tuple(sorted(found, key=lambda c: c.ilsvrc2012_id))
    return found


def get_class(value: int | str, scheme: str | Scheme = "index") -> ImagenetClass:
    """One ILSVRC-2012 class by number (read by ``scheme``), wnid, WordNet name or class name.

    Names match torchvision's display name, the imagenet-simple-labels name, the WordNet
    name or a lemma, ignoring case, underscores and spaces; a name several classes share
    is refused, never guessed.

    Raises:
        TypeError: ``value`` is neither an int nor a str.
        OutOfRange: a number outside the scheme's range.
        NotAClass: a synset of the index that is no class (TF-slim slot 0, or dog.n.01:
            ``classes_below`` says how many classes lie under it).
        Ambiguous: a name that several classes carry (``candidates`` lists them).
        NotFound: nothing matches (with suggestions); an unknown scheme.
    """
    from imagenet_cli.index.classes import get_class as lookup
    from imagenet_cli.index.classes import scheme_of

    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise TypeError(
            f"a class is given as an int (a number) or a str, not {type(value).__name__}"
        )
    return lookup(str(value), scheme_of(scheme))


def classes_under(identifier: int | str | Synset) -> tuple[ImagenetClass, ...]:
    """The ILSVRC-2012 classes in a synset's subtree (itself included), in index order.

    Raises:
        As :func:`synset`.
    """
    from imagenet_cli.index.classes import classes_under as under

    wnid = identifier.wnid if not isinstance(identifier, (int, str)) else synset(identifier).wnid
    return under(wnid)


def classes_in(name: str) -> tuple[ImagenetClass, ...]:
    """The ILSVRC-2012 classes a bundled list contains, in index order.

    Raises:
        NotFound: no list has that name.
    """
    from imagenet_cli.index.classes import classes_in as inside

    return inside(name)


def duplicate_names() -> tuple[Duplicate, ...]:
    """Names (ignoring case) that several classes carry: as first WordNet lemma, as any
    lemma, or as torchvision's display name (``crane``, ``maillot``)."""
    from imagenet_cli.index.classes import duplicate_names as find

    return find()


# Lists ------------------------------------------------------------------------------------------


def subsets() -> tuple[Subset, ...]:
    """The bundled synset lists (ILSVRC-2012, the ImageNet-21k variants, ImageNet-A/R,
    mini-ImageNet, Imagenette ...), ILSVRC-2012 first; each a :class:`Subset` naming its
    source file."""
    from imagenet_cli.index.subsets import list_subsets

    return list_subsets()


def subset(name: str) -> Subset:
    """One bundled list by name (``"in21k-fall2011"``); ``.wnids()`` gives its members in
    list order (a model's output order), ``.synsets()`` them as :class:`Synset`.

    Raises:
        NotFound: no list has that name (with suggestions).
    """
    from imagenet_cli.index.subsets import find_subset

    return find_subset(name)


def subset_members(name: str) -> tuple[Member, ...]:
    """A bundled list's members in list order (``position`` = a model's output index),
    each with wnid, WordNet name and ILSVRC-2012 class index.

    Raises:
        NotFound: no list has that name (with suggestions).
    """
    from imagenet_cli.index.subsets import get_subset

    return get_subset(name)[1]


# Curated facts ----------------------------------------------------------------------------------


def timeline(
    *,
    start: int | None = None,
    end: int | None = None,
    task: str = "cls",
    milestones: bool = True,
) -> tuple[TimelineEntry, ...]:
    """ILSVRC results (2010-2017) and milestones, oldest first, each with its sources.

    Args:
        start, end: first and last year (inclusive); None for no bound.
        task: ``"cls"`` (classification, top-5 error), ``"loc"`` (localization) or
            ``"det"`` (detection, mean AP).
        milestones: include dated events (releases, papers, the human estimate).

    Raises:
        NotFound: an unknown task.
        OutOfRange: ``start`` after ``end``.
    """
    from imagenet_cli.facts.timeline import query_timeline

    return query_timeline(start=start, end=end, task=task, milestones=milestones)


def winning_errors(entries: tuple[TimelineEntry, ...]) -> dict[int, TimelineEntry]:
    """``{year: entry}``: the lowest top-5 error among rank-1 results of each year in
    ``entries`` (an outside-data entry counts); results without a top-5 error are skipped."""
    from imagenet_cli.facts.timeline import winning_errors as best

    return best(entries)


def human_error() -> tuple[float, TimelineEntry] | None:
    """The human top-5 error estimate on ILSVRC-2012 (percent: 5.1, Russakovsky et al.
    2015, arXiv:1409.0575, section 6.4) and the milestone entry that reports it."""
    from imagenet_cli.facts.timeline import human_error as estimate

    return estimate()


def releases() -> dict[str, Any]:
    """The curated facts of ImageNet's releases and the ILSVRC-2012 splits (a new deep copy
    of ``data/releases.json``: every figure there lists its sources)."""
    from copy import deepcopy

    from imagenet_cli.facts.about import releases as facts

    return deepcopy(facts())


def categories() -> tuple[Category, ...]:
    """Broad WordNet categories (animal, dog, artifact, food ...) with how many ImageNet-21k
    (fall 2011) synsets and ILSVRC-2012 classes lie under each, counted in the index."""
    from imagenet_cli.facts.about import categories as count

    return count()


def class_depths() -> dict[int, int]:
    """``{min_depth: classes}``: how many ILSVRC-2012 classes sit at each depth (edges on
    the shortest hypernym path to entity.n.01, NLTK's ``min_depth``)."""
    from imagenet_cli.facts.about import class_depths as depths

    return depths()


def architectures() -> tuple[Architecture, ...]:
    """Every bundled architecture family, oldest first, with its paper, variants,
    torchvision checkpoints (library-reproduced accuracy) and paper-reported results."""
    from copy import deepcopy

    from imagenet_cli.facts.architectures import list_architectures

    return deepcopy(list_architectures())  # the loader's cache stays the loader's


def architecture(name: str) -> Architecture:
    """The family of an architecture or variant name (``"resnet"``, ``"ResNet-50"``,
    ``"resnet50"``), ignoring case, spaces and dashes.

    Raises:
        NotFound: no family or variant has that name (with suggestions).
    """
    return find_architecture(name)[0]


def find_architecture(name: str) -> tuple[Architecture, Variant | None]:
    """``(family, variant)`` for a variant name, ``(family, None)`` for a family name;
    copies, so a caller's changes never reach the next caller.

    Raises:
        NotFound: no family or variant has that name (with suggestions).
        EmptyInput: an empty name.
    """
    from copy import deepcopy

    from imagenet_cli.facts.architectures import get_architecture

    return deepcopy(get_architecture(name))


def variant(name: str) -> Variant:
    """One network (``"resnet50"``); a family name gives its headline variant.

    Raises:
        NotFound: no family or variant has that name (with suggestions).
    """
    family, chosen = find_architecture(name)
    found = chosen or family.headline_variant
    if found is None:
        raise NotFound("architecture variant", name, suggestions=())
    return found


def layer_costs(
    name: str, input_size: int | tuple[int, int] | None = None, *, detail: bool = False
) -> NetworkCost:
    """Params and MACs of a network computed from its layer spec, per stage (and per layer
    with ``detail``). A detector (YOLOv2, YOLOv3) gives its ImageNet backbone's cost.

    MACs are multiply-accumulates (one multiply-add counts once), for one image; params
    count every weight and bias (batch-norm's too), as torchvision's ``num_params``; the
    conventions for attention and matrix products are in ``imagenet_cli.facts.layers``.

    Args:
        name: a variant (``"resnet50"``, ``"ResNet-50"``, ``"vit_b_16"``, ``"darknet53"``).
        input_size: square side or ``(height, width)`` in pixels; default the variant's own
            (the crop of its torchvision weights, 224 mostly).

    Raises:
        NotFound: no variant has that name.
        ImagenetError: a family with several variants, a variant without a spec, or an
            input the network cannot take.
    """
    from imagenet_cli.facts.architectures import variant_layer_costs as costs

    return costs(name, input_size, detail).cost


# Exports ---------------------------------------------------------------------------------------


def _root_offset(root: int | str | Synset | None) -> int | None:
    if root is None:
        return None
    return root.offset if not isinstance(root, (int, str)) else synset(root).offset


def export(
    fmt: str,
    root: int | str | Synset | None = None,
    subset: str | None = None,
    depth: int | None = None,
    *,
    parent_policy: str | None = None,
    labels: str | None = None,
) -> Iterator[str]:
    """The is-a graph below ``root`` (default entity.n.01) as text in ``fmt``, in chunks.

    Formats (:data:`EXPORT_FORMATS`): ``json`` (networkx node-link, with both ``edges`` and
    ``links``), ``tree-json`` (d3), ``graphml``, ``dot``, ``newick``, ``csv``
    (``parent,child,parent_name,child_name``) and ``isa`` (``parent child``, ImageNet's
    ``wordnet.is_a.txt`` form). The tree formats keep one parent per synset
    (``parent_policy``: ``longest``, ``shortest`` or ``first``).

    Args:
        root: any synset identifier (as :func:`synset`) or a :class:`Synset`.
        subset: keep a bundled list's synsets and their hypernyms.
        depth: keep synsets at most this many edges below ``root``.

    Raises:
        NotFound, Ambiguous, OutOfRange: as :func:`synset`; an unknown format or list.
        ImagenetError: options that do not fit the format.
    """
    from imagenet_cli.index.export import export as chunks

    return chunks(
        fmt, _root_offset(root), subset, depth, parent_policy=parent_policy, labels=labels
    )


def write_export(
    handle: Any, fmt: str, root: int | str | Synset | None = None, **options: Any
) -> ExportSummary:
    """Write :func:`export`'s text to an open text ``handle``; returns what was written
    (nodes, edges, second parents dropped). Options as :func:`export`."""
    from imagenet_cli.index.export import write_export as write

    return write(handle, fmt, _root_offset(root), **options)


def stats(root: int | str | Synset | None = None, subset: str | None = None) -> HierarchyStats:
    """Roots, leaves, nodes, edges, synsets with several parents, classes with several paths,
    leaf depth histograms and the widest nodes of the graph below ``root`` (or of a
    list's closure).

    Raises:
        As :func:`synset`; NotFound for an unknown list.
    """
    from imagenet_cli.index.export import stats as count

    return count(_root_offset(root), subset)
