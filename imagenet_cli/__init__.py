"""ImageNet offline: the WordNet 3.0 synsets behind its categories, its label spaces, the
ILSVRC timeline and the landmark architectures, as a typed Python library.

Look up, walk up, walk down, compare::

    >>> import imagenet_cli as inet
    >>> dog = inet.synset("n02084071")          # or "dog.n.01", "dog%1:05:00::", 207 ...
    >>> [s.name for s in dog.hypernyms()]
    ['canine.n.02', 'domestic_animal.n.01']
    >>> len(dog.classes_under())
    118
    >>> inet.synset("tabby").wup_similarity(inet.synset("tiger cat"))
    0.9655172413793104

Everything here is bundled: no network, no WordNet corpus, no NLTK. ``Synset`` methods
carry NLTK's names and give NLTK's results on WordNet 3.0. Every error is an
:class:`ImagenetError`; the modules below this package (``index``, ``facts``, ``corpus``,
``render``, ``cli``) are internal and may change without notice.

Data sources: ``data/SOURCES.md`` in the distribution (WordNet 3.0 through NLTK, the
ImageNet lists of the timm wheel, torchvision's model metadata, and the papers).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from imagenet_cli._errors import (
    Ambiguous,
    DataMissing,
    ImagenetError,
    NotFound,
    OutOfRange,
)

if TYPE_CHECKING:
    from imagenet_cli._files import OutputError
    from imagenet_cli.facts.architectures import Architecture, Variant
    from imagenet_cli.facts.layers import NetworkCost
    from imagenet_cli.facts.timeline import Entry as TimelineEntry
    from imagenet_cli.index.classes import ImagenetClass, NotAClass, Scheme
    from imagenet_cli.index.identifiers import Form, Identifier
    from imagenet_cli.index.subsets import Subset
    from imagenet_cli.index.synsets import Match, SearchHit, SearchResults, Synset

__version__ = "0.2.0"

__all__ = [
    "Ambiguous",
    "Architecture",
    "DataMissing",
    "Form",
    "Identifier",
    "ImagenetClass",
    "ImagenetError",
    "Match",
    "NetworkCost",
    "NotAClass",
    "NotFound",
    "OutOfRange",
    "OutputError",
    "Scheme",
    "SearchHit",
    "SearchResults",
    "Subset",
    "Synset",
    "TimelineEntry",
    "Variant",
    "__version__",
    "architecture",
    "architectures",
    "classes",
    "get_class",
    "layer_costs",
    "parse_identifier",
    "search",
    "search_hits",
    "subset",
    "subsets",
    "synset",
    "timeline",
    "variant",
]

#: Public names defined in internal modules, imported on first use (keeps start-up short).
_LAZY = {
    "Architecture": "imagenet_cli.facts.architectures",
    "Variant": "imagenet_cli.facts.architectures",
    "NetworkCost": "imagenet_cli.facts.layers",
    "TimelineEntry": "imagenet_cli.facts.timeline:Entry",
    "ImagenetClass": "imagenet_cli.index.classes",
    "NotAClass": "imagenet_cli.index.classes",
    "Scheme": "imagenet_cli.index.classes",
    "Form": "imagenet_cli.index.identifiers",
    "Identifier": "imagenet_cli.index.identifiers",
    "Subset": "imagenet_cli.index.subsets",
    "Match": "imagenet_cli.index.synsets",
    "SearchHit": "imagenet_cli.index.synsets",
    "SearchResults": "imagenet_cli.index.synsets",
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
    from imagenet_cli.index.synsets import search_synsets

    if not isinstance(query, str):
        raise TypeError(f"a search query is a str, not {type(query).__name__}")
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int)):
        raise TypeError(f"limit is an int or None, not {type(limit).__name__}")
    if limit is not None and limit < 0:
        raise OutOfRange("limit", limit, 0, None)
    return search_synsets(query, subset=subset, limit=limit)


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
    from imagenet_cli.index.subsets import get_subset

    return get_subset(name)[0]


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


def architectures() -> tuple[Architecture, ...]:
    """Every bundled architecture family, oldest first, with its paper, variants,
    torchvision checkpoints (library-reproduced accuracy) and paper-reported results."""
    from imagenet_cli.facts.architectures import list_architectures

    return list_architectures()


def architecture(name: str) -> Architecture:
    """The family of an architecture or variant name (``"resnet"``, ``"ResNet-50"``,
    ``"resnet50"``), ignoring case, spaces and dashes.

    Raises:
        NotFound: no family or variant has that name (with suggestions).
    """
    from imagenet_cli.facts.architectures import get_architecture

    return get_architecture(name)[0]


def variant(name: str) -> Variant:
    """One network (``"resnet50"``); a family name gives its headline variant.

    Raises:
        NotFound: no family or variant has that name (with suggestions).
    """
    from imagenet_cli.facts.architectures import get_architecture

    family, chosen = get_architecture(name)
    found = chosen or family.headline_variant
    if found is None:
        raise NotFound("architecture variant", name, suggestions=())
    return found


def layer_costs(name: str, input_size: int | tuple[int, int] | None = None) -> NetworkCost:
    """Params and MACs of a network computed from its layer spec, per stage.

    MACs are multiply-accumulates (one multiply-add counts once), for one image; params
    count every weight and bias (batch-norm's too), as torchvision's ``num_params``.

    Args:
        name: a variant with a layer spec (``"resnet50"``, ``"vgg16"``, ``"mobilenet_v2"``).
        input_size: square side or ``(height, width)`` in pixels; default the variant's own.

    Raises:
        NotFound: no layer spec has that name.
        OutOfRange: an input too small for the network.
    """
    from imagenet_cli.facts.layers import compute_costs

    return compute_costs(name, input_size)
