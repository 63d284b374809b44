"""A small bounded memo (least recently used out first) for results that are pure functions of
immutable records: a stored check-in parsed, a client's evaluation from her stored records, the
plots and reports drawn from it.

The keys name everything the result depends on; the stored records they name are never
changed in place (the database refuses an update), so a key cannot come to mean other data.
A memo lives in one process: the web app's workers each keep their own.

Every entry names the clients whose data it holds (``owner``), and every memo is listed here,
so a client's erasure drops her entries from all of them at once (:func:`forget_client`)
instead of leaving her data in memory until it is pushed out.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

__all__ = ["Memo", "forget_client", "memos"]

Value = TypeVar("Value")

_MEMOS: weakref.WeakSet[Memo[object]] = weakref.WeakSet()


@dataclass
class _Entry(Generic[Value]):
    value: Value
    owners: set[str] = field(default_factory=set)


class Memo(Generic[Value]):
    """At most ``size`` values by key; ``hits`` and ``misses`` say how it went. Safe to share
    between threads (two first uses of a key may both make it; neither waits on the other).

    >>> squares: Memo[int] = Memo(2)
    >>> [squares.get(n, lambda n=n: n * n, owner="c1") for n in (2, 3, 2, 4, 3)]
    [4, 9, 4, 16, 9]
    >>> squares.hits, squares.misses
    (1, 4)
    >>> squares.forget("c1"), squares.info()["size"]
    (2, 0)
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self.hits = 0
        self.misses = 0
        self._values: OrderedDict[Hashable, _Entry[Value]] = OrderedDict()
        self._lock = threading.Lock()
        _MEMOS.add(self)  # type: ignore[arg-type]

    def get(self, key: Hashable, make: Callable[[], Value], /, *, owner: str) -> Value:
        """The value kept for ``key``, else ``make()`` kept for it; ``owner`` is the client
        whose data it holds (an entry shared by two clients names both)."""
        with self._lock:
            entry = self._values.get(key)
            if entry is not None:
                self.hits += 1
                self._values.move_to_end(key)
                entry.owners.add(owner)
                return entry.value
        value = make()  # outside the lock: a slow make never holds up another key
        with self._lock:
            self.misses += 1
            entry = self._values.setdefault(key, _Entry(value))
            entry.owners.add(owner)
            self._values.move_to_end(key)
            while len(self._values) > self.size:
                self._values.popitem(last=False)
        return value

    def forget(self, owner: str, /) -> int:
        """Drop every entry that holds ``owner``'s data; how many were dropped."""
        with self._lock:
            gone = [k for k, e in self._values.items() if owner in e.owners]
            for key in gone:
                del self._values[key]
        return len(gone)

    def owners(self) -> set[str]:
        """The clients whose data this memo holds now."""
        with self._lock:
            return {o for e in self._values.values() for o in e.owners}

    def info(self) -> dict[str, int]:
        with self._lock:
            return {"hits": self.hits, "misses": self.misses, "size": len(self._values)}

    def clear(self) -> None:
        with self._lock:
            self._values.clear()
            self.hits = self.misses = 0


def memos() -> list[Memo[object]]:
    """Every memo this process holds."""
    return list(_MEMOS)


def forget_client(client_id: str, /) -> int:
    """Drop a client's entries from every memo in this process; how many were dropped."""
    return sum(memo.forget(client_id) for memo in memos())
