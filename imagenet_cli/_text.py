"""Small wording helpers shared by messages and views."""

from __future__ import annotations


def count(n: int, noun: str, plural: str | None = None) -> str:
    """``1 value``, ``2 values``, ``1,000 classes``: a number and its noun, agreeing.

    Args:
        plural: the plural when it is not ``noun + "s"`` (``classes``, ``differences``
            work by default; pass ``"synsets"`` style only when irregular).
    """
    if n == 1:
        return f"1 {noun}"
    if plural is None:
        plural = noun + ("es" if noun.endswith(("s", "x", "ch", "sh")) else "s")
    return f"{n:,} {plural}"
