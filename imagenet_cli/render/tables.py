"""Rich tables that wrap between words, not inside them, when the terminal is narrow.

Rich shrinks an over-wide table by cutting its widest columns down to the width of the next
widest, so at 80 columns a short column ends up as wide as a long one and words break
mid-token ("SuperVisi|on"). :class:`WordTable` also cuts the widest columns first, so
narrow ones stay whole, but never below a column's longest word (Rich's minimum measure);
when even the longest words cannot fit side by side, only the longest words break. The
views import it as ``Table``; everything else is Rich's table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions


class WordTable(Table):
    """A :class:`rich.table.Table` whose columns shrink to whole words first."""

    def _calculate_column_widths(self, console: Console, options: ConsoleOptions) -> list[int]:
        max_width = options.max_width
        if self.expand or self.min_width is not None:
            return super()._calculate_column_widths(console, options)
        ranges = [self._measure_column(console, options, column) for column in self.columns]
        lows = [max(r.minimum, 1) for r in ranges]
        highs = [max(r.maximum, low) for r, low in zip(ranges, lows, strict=True)]
        if sum(highs) <= max_width:
            return super()._calculate_column_widths(console, options)
        if sum(lows) > max_width:
            # Some words must break: only the longest ones, one character at a time.
            widths = list(lows)
            for _ in range(sum(lows) - max_width):
                widest = max(range(len(widths)), key=widths.__getitem__)
                if widths[widest] <= 1:
                    break
                widths[widest] -= 1
            return widths

        # Like Rich, cut the widest columns down first (narrow ones stay whole), but never
        # below a column's longest word: the largest cap on widths that fits.
        def fitted(cap: int) -> list[int]:
            return [min(high, max(low, cap)) for low, high in zip(lows, highs, strict=True)]

        cap = max(highs)
        while cap > 1 and sum(fitted(cap)) > max_width:
            cap -= 1
        widths = fitted(cap)
        spare = max_width - sum(widths)
        for i, high in enumerate(highs):  # what is left goes to the columns that were cut
            if spare <= 0:
                break
            if widths[i] < high:
                widths[i] += 1
                spare -= 1
        return widths
