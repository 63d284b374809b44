"""A small bounded memo (least recently used out first) for results that are pure functions of
immutable records: a stored check-in parsed, a client's evaluation from her stored records.

The keys name everything the result depends on; the stored records they name are never
changed in place (the database refuses an update), so a key cannot come to mean other data.
A memo lives in one process: the web app's workers each keep their own.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

__all__ = ["Memo"]

Value = TypeVar("Value")


class Memo(Generic[Value]):
    """At most ``size`` values by key; ``hits`` and ``misses`` say how it went.

    >>> squares: Memo[int] = Memo(2)
    >>> [squares.get(n, lambda n=n: n * n) for n in (2, 3, 2, 4, 3)]
    [4, 9, 4, 16, 9]
    >>> squares.hits, squares.misses
    (1, 4)
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self.hits = 0
        self.misses = 0
        self._values: OrderedDict[Hashable, Value] = OrderedDict()

    def get(self, key: Hashable, make: Callable[[], Value], /) -> Value:
        """The value kept for ``key``, else ``make()`` kept for it."""
        if key in self._values:
            self.hits += 1
            self._values.move_to_end(key)
            return self._values[key]
        self.misses += 1
        value = make()
        self._values[key] = value
        if len(self._values) > self.size:
            self._values.popitem(last=False)
        return value

    def clear(self) -> None:
        self._values.clear()
        self.hits = self.misses = 0
