"""Shared cases of the FHIR tests: the three example clients evaluated once, their bundles in
both releases, HL7's R4 JSON schema, and a walk over every coded element of a bundle."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from kinchain.fhir import Coach, Practice, export_bundle
from kinchain.program import load_checkin
from kinchain.services.evaluate import Evaluation, evaluate
from kinchain.services.intake import load_client

ROOT = Path(__file__).resolve().parents[1]
AS_OF = dt.date(2026, 11, 1)
CLIENTS = ("maria", "tom", "ruth")
RELEASES = ("R4B", "R5")
PRACTICE = Practice(id="practice-1", name="Move Well Studio")
COACH = Coach(id="coach-1", name="Sam Coach")
#: stands in for the storage layer's hash of the knowledge files
KNOWLEDGE_HASH = "sha256-of-the-knowledge-files"
SCHEMA = ROOT / "tests" / "fixtures" / "fhir" / "fhir.schema.json.gz"


@cache
def evaluation(client: str) -> Evaluation:
    return evaluate(load_client(ROOT / "examples" / f"{client}.yaml", as_of=AS_OF), as_of=AS_OF)


def maria_checkins() -> tuple[Any, ...]:
    return tuple(load_checkin(ROOT / "examples" / f"checkin-maria-{n}.yaml") for n in (1, 2, 3))


def export(client: str, release: str, **options: Any) -> dict[str, Any]:
    return export_bundle(
        evaluation(client), release=release, practice=PRACTICE, coach=COACH, as_of=AS_OF,
        knowledge_hash=KNOWLEDGE_HASH, **options,
    )  # fmt: skip


@cache
def bundle_text(client: str, release: str) -> str:
    """The JSON text of a bundle, so each test gets a fresh copy it may change."""
    return json.dumps(export(client, release))


def bundle(client: str, release: str) -> dict[str, Any]:
    return dict(json.loads(bundle_text(client, release)))


def resources(b: Mapping[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in b["entry"] if e["resource"]["resourceType"] == kind]


@cache
def r4_schema() -> dict[str, Any]:
    return dict(json.loads(gzip.decompress(SCHEMA.read_bytes())))


def codings(node: Any, path: str = "") -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Every Coding (and coded Quantity) below ``node``, with its element path."""
    if isinstance(node, Mapping):
        if isinstance(node.get("system"), str) and "code" in node:
            yield path, node
        for k, v in node.items():
            yield from codings(v, f"{path}.{k}" if path else k)
    elif isinstance(node, list):
        for v in node:
            yield from codings(v, path)
