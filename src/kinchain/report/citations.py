"""Number the citations a report uses, in order of first use, and resolve them to references."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kinchain.errors import UnknownCitation
from kinchain.evidence import GRADE_MEANING, Registry

__all__ = ["Citations", "Reference"]


@dataclass(frozen=True)
class Reference:
    """One numbered entry of the report's reference list."""

    number: int
    key: str
    text: str
    grade: str
    grade_meaning: str
    verify: bool
    known: bool


class Citations:
    """Hands out reference numbers; the same key always gets the same number."""

    def __init__(self, registry: Registry) -> None:
        self._registry = registry
        self._numbers: dict[str, int] = {}

    def cite(self, keys: Iterable[str] | str | None) -> list[tuple[int, str]]:
        """Numbers for ``keys`` (a key or a list of keys), giving new keys the next number."""
        if keys is None:
            return []
        if isinstance(keys, str):
            keys = [keys]
        out = []
        for key in keys:
            if key not in self._numbers:
                self._numbers[key] = len(self._numbers) + 1
            out.append((self._numbers[key], key))
        return out

    def grade(self, key: str) -> str | None:
        """The grade of a key, or None when the registry does not define it."""
        try:
            return self._registry.grade(key)
        except UnknownCitation:
            return None

    def references(self) -> list[Reference]:
        """The reference list, numbered in order of first use."""
        refs = []
        for key, n in sorted(self._numbers.items(), key=lambda kv: kv[1]):
            try:
                src = self._registry[key]
            except UnknownCitation:
                refs.append(
                    Reference(
                        n,
                        key,
                        f"{key}: not in kinchain's evidence registry",
                        "?",
                        "unknown source",
                        False,
                        False,
                    )
                )
                continue
            refs.append(
                Reference(
                    number=n,
                    key=key,
                    text=src.reference(),
                    grade=src.grade,
                    grade_meaning=GRADE_MEANING.get(src.grade, src.grade),
                    verify=src.verify,
                    known=True,
                )
            )
        return refs
