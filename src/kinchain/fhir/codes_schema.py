"""The shape of ``codes.yaml`` as declarative models (through :mod:`kinchain.knowledge`, like
every other data file): sources, code systems, value sets, extensions and FHIR's own codes,
with every value set's system and every code's source checked to exist."""

from __future__ import annotations

from typing import Self

from pydantic import model_validator

from kinchain.knowledge import Knowledge, Text, refuse

__all__ = ["CodesDoc"]


class SourceDoc(Knowledge):
    title: Text
    url: Text


class SystemDoc(Knowledge):
    url: Text
    name: Text


class CodeDoc(Knowledge):
    code: Text
    display: Text
    source: Text | None = None  # default: the value set's source


class ValueSetDoc(Knowledge):
    system: Text
    source: Text
    codes: dict[str, CodeDoc | None]  # None: written as text only, no published code found


class ExtensionDoc(Knowledge):
    url: Text
    source: Text


class CoreCodesDoc(Knowledge):
    source: Text
    elements: dict[str, tuple[Text, ...]]


class CodesDoc(Knowledge):
    """The whole of ``codes.yaml``."""

    sources: dict[str, SourceDoc]
    systems: dict[str, SystemDoc]
    value_sets: dict[str, ValueSetDoc]
    extensions: dict[str, ExtensionDoc]
    core_codes: CoreCodesDoc

    @model_validator(mode="after")
    def _references_exist(self) -> Self:
        known = set(self.sources)
        for vid, vs in self.value_sets.items():
            if vs.system not in self.systems:
                raise refuse(f"unknown system {vs.system!r}", at=f"value_sets.{vid}.system")
            for key, code in vs.codes.items():
                source = (code.source if code else None) or vs.source
                if source not in known:
                    raise refuse(f"unknown source {source!r}",
                                 at=f"value_sets.{vid}.codes.{key}.source")
        for eid, ext in self.extensions.items():
            if ext.source not in known:
                raise refuse(f"unknown source {ext.source!r}", at=f"extensions.{eid}.source")
        return self
