"""Errors of the library. All derive from :class:`ImagenetError` and carry their data as
attributes; messages never name a command-line option (``imagenet_cli.cli.errors`` words
them for the command line)."""

from __future__ import annotations

from collections.abc import Iterable


class ImagenetError(Exception):
    """Base of every expected failure: a message, an optional hint and suggestions."""

    def __init__(
        self, message: str, *, hint: str | None = None, suggestions: Iterable[str] = ()
    ) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.suggestions = tuple(suggestions)

    def with_hint(self, hint: str | None) -> ImagenetError:
        """This error with ``hint`` set (for chaining at a raise)."""
        self.hint = hint
        return self


def closest(name: str, known: Iterable[str], n: int = 5) -> list[str]:
    """Known names starting with ``name``, then the most similar ones (difflib)."""
    from difflib import get_close_matches

    wanted = name.strip().lower()
    names = list(dict.fromkeys(known))
    if not wanted:
        return []
    starts = [k for k in names if k.lower().startswith(wanted)]
    similar = get_close_matches(wanted, [k.lower() for k in names], n=n, cutoff=0.6)
    lowered = {k.lower(): k for k in names}
    found = list(dict.fromkeys([*starts, *(lowered[s] for s in similar)]))
    return found[:n]


class NotFound(ImagenetError, LookupError):
    """A name that matches nothing; ``suggestions`` are the closest known names.

    Attributes:
        kind: what was looked for (``synset``, ``class``, ``subset``, ``architecture``).
        name: the text given.
        suggestions: known names spelled closest to it.
        hint: why nothing matched, where the form of the name says more.
    """

    def __init__(
        self,
        kind: str,
        name: str,
        known: Iterable[str] = (),
        *,
        hint: str | None = None,
        suggestions: Iterable[str] | None = None,
    ) -> None:
        if suggestions is None:
            suggestions = closest(name, known)
        super().__init__(f"no {kind} matches {name!r}", hint=hint, suggestions=suggestions)
        self.kind = kind
        self.name = name


NotFoundError = NotFound  # the name used inside the package


class Ambiguous(ImagenetError, LookupError):
    """A name that several things carry; ``candidates`` lists them (nothing is guessed).

    Attributes:
        name: the text given.
        candidates: the synsets (or classes) it names, best first.
    """

    def __init__(
        self, name: str, candidates: Iterable[object], message: str, *, hint: str | None = None
    ) -> None:
        super().__init__(message, hint=hint)
        self.name = name
        self.candidates = tuple(candidates)


class OutOfRange(ImagenetError, ValueError):
    """A number outside the range the data has (class index 1005, a negative depth).

    Attributes:
        value: the number given.
        low, high: the smallest and largest values accepted (``high`` None: no upper bound).
        what: what the number counts (``index``, ``depth``, ``year`` ...).
    """

    def __init__(
        self, what: str, value: int, low: int, high: int | None, *, message: str | None = None
    ) -> None:
        bounds = f"from {low} to {high}" if high is not None else f"from {low} up"
        super().__init__(message or f"{what} {value} is out of range: {what} runs {bounds}")
        self.what = what
        self.value = value
        self.low = low
        self.high = high


class EmptyInput(ImagenetError, ValueError):
    """An empty query, identifier or name (nothing to look up): a usage mistake.

    Attributes:
        what: what was empty (``search query``, ``synset identifier`` ...).
    """

    def __init__(self, what: str) -> None:
        super().__init__(f"the {what} is empty")
        self.what = what


class DataMissingError(ImagenetError):
    """Data is not installed: a bundled file (reinstall) or the optional WordNet corpus."""


DataMissing = DataMissingError
