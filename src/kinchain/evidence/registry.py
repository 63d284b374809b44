"""Load and query the bibliography (pure: no network, no I/O beyond the bundled files)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from kinchain.datafile import read_yaml_file
from kinchain.errors import DataFileError, UnknownCitation
from kinchain.evidence.schema import GRADE_MEANING, SourcesDoc
from kinchain.knowledge import load

__all__ = [
    "GRADES",
    "GRADE_MEANING",
    "Registry",
    "Source",
    "bundled_data_files",
    "default_registry",
    "load_registry",
    "used_citation_keys",
]

GRADES: tuple[str, ...] = tuple(GRADE_MEANING)


@dataclass(frozen=True)
class Source:
    """One citable source."""

    key: str
    authors: str
    year: int | None
    title: str
    venue: str
    address: str
    grade: str
    finding: str = ""
    verify: bool = False  # a figure evidence.md marks [verify]: not yet checked in full text

    def reference(self) -> str:
        """A readable reference line.

        >>> src = Source("x2000", "Liu W, Nigg BM", 2000, "A model", "J Biomech 33:219", "d", "LAB")
        >>> src.reference()
        'Liu W, Nigg BM (2000). A model. J Biomech 33:219. d'
        """
        year = f" ({self.year})" if self.year else ""
        return f"{self.authors}{year}. {self.title}. {self.venue}. {self.address}"


class Registry(Mapping[str, Source]):
    """An immutable, checked mapping from citation key to :class:`Source`."""

    def __init__(self, sources: Iterable[Source]) -> None:
        self._by_key: dict[str, Source] = {}
        for s in sources:
            self._by_key[s.key] = s

    def __getitem__(self, key: str) -> Source:
        try:
            return self._by_key[key]
        except KeyError:
            raise UnknownCitation(f"unknown citation key {key!r}") from None

    def __contains__(self, key: object) -> bool:  # Mapping's default would raise UnknownCitation
        return key in self._by_key

    def __iter__(self) -> Any:
        return iter(self._by_key)

    def __len__(self) -> int:
        return len(self._by_key)

    def grade(self, key: str) -> str:
        """The evidence grade of a cited key."""
        return self[key].grade

    def check(self, keys: Iterable[str], *, file: str, key: str) -> None:
        """Raise :class:`DataFileError` for the first key this registry does not define."""
        for k in keys:
            if k not in self._by_key:
                raise DataFileError(file, key, f"citation {k!r} is not in the evidence registry")


def load_registry(files: Iterable[Path | Mapping[str, Any]]) -> Registry:
    """Load sources from YAML files (or parsed ones, named ``<data>``); a duplicate key or a
    bad field raises DataFileError."""
    seen: dict[str, str] = {}
    sources: list[Source] = []
    for source in files:
        name = source.name if isinstance(source, Path) else "<data>"
        for i, doc in enumerate(load(SourcesDoc, source).sources):
            if doc.key in seen:
                raise DataFileError(
                    name, f"sources[{i}].key", f"{doc.key!r} is already defined in {seen[doc.key]}"
                )
            seen[doc.key] = name
            sources.append(Source(doc.key, doc.authors, doc.year, doc.title, doc.venue,
                                  doc.address, doc.grade, doc.finding, doc.verify))  # fmt: skip
    return Registry(sources)


def bundled_source_files() -> list[Path]:
    """The bibliography files shipped with kinchain, in a stable order."""
    folder = resources.files("kinchain.evidence") / "sources"
    return sorted(Path(str(p)) for p in folder.iterdir() if str(p).endswith(".yaml"))


@cache
def default_registry() -> Registry:
    """The bundled registry, loaded and checked once per process."""
    return load_registry(bundled_source_files())


def _cite_lists(node: Any, where: str) -> Iterable[tuple[str, str]]:
    """Yield (key, where) for every entry of every ``cite:`` list at any depth of a YAML tree."""
    if isinstance(node, dict):
        for k, v in node.items():
            here = f"{where}.{k}" if where else str(k)
            if k == "cite":
                items = [v] if isinstance(v, str) else v if isinstance(v, list) else []
                for i, item in enumerate(items):
                    yield str(item), f"{here}[{i}]"
            else:
                yield from _cite_lists(v, here)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _cite_lists(v, f"{where}[{i}]")


def used_citation_keys(paths: Iterable[Path], /) -> dict[str, tuple[str, ...]]:
    """Every citation key found in a ``cite:`` list (at any depth) of the given YAML files.

    Maps each key to the places that cite it, as ``file: path.to.cite[i]``.
    A file that is not valid YAML raises :class:`DataFileError`.
    """
    found: dict[str, list[str]] = {}
    for path in paths:
        for key, where in _cite_lists(read_yaml_file(path), ""):
            found.setdefault(key, []).append(f"{path.name}: {where}")
    return {k: tuple(v) for k, v in sorted(found.items())}


def bundled_data_files() -> list[Path]:
    """Every YAML data file shipped inside kinchain except the bibliography itself."""
    root = Path(str(resources.files("kinchain")))
    sources = root / "evidence" / "sources"
    return sorted(p for p in root.rglob("*.yaml") if sources not in p.parents)
