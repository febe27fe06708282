"""Errors raised by the model layer; the CLI turns each into one line and exit code 1."""

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


class NotFoundError(ImagenetError):
    """A name that matches nothing; suggestions are the closest known names."""

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


class DataMissingError(ImagenetError):
    """Optional data (such as the full WordNet corpus) is not installed."""
