"""``kinchain body [SITE]``: print the body web, or one site with its links. Translation only."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import typer
from rich.table import Table
from rich.text import Text

from kinchain.body import Motion, Pathway, Tissue
from kinchain.cli import EXIT_INPUT, app, console, fail, translate_errors
from kinchain.errors import UnknownSite

if TYPE_CHECKING:
    from kinchain.services.body import BodyOverview, Evidence, SiteView

__all__ = ["body"]

_HYPOTHESIS = (
    "A pathway links sites; it does not show that an injury at one causes pain at another. "
    "That chain reasoning is a hypothesis (expert opinion), and kinchain labels it so."
)


@app.command()
@translate_errors
def body(
    site: str | None = typer.Argument(
        None,
        metavar="SITE",
        help="A site id (ankle, knee, lumbar_spine, ...): show only this site.",
    ),
    side: str | None = typer.Option(
        None, "--side", metavar="left|right", help="For SITE: list the load path on this side only."
    ),
) -> None:
    """Print the body web: sites with their roles, tissues and pathways, with their evidence.

    With SITE, print that site with everything connected to it (its role, normal ranges of
    motion, the tissues that stabilise or move it, the pathways through it, what sits above and
    below it on the load path) and the evidence behind each link: the grade and a short
    reference of every source. An unknown SITE exits 2 with a did-you-mean.

    Examples:

      kinchain body

      kinchain body ankle

      kinchain body sacroiliac --side left
    """
    if site is None:
        if side is not None:
            raise fail(
                "error: --side needs a SITE, for example: kinchain body ankle --side left",
                EXIT_INPUT,
            )
        from kinchain.services.body import body_overview  # loaded when the command runs

        _print_overview(body_overview())
        return
    if side not in (None, "left", "right"):
        raise fail(f"error: --side: expected left or right, received {side!r}", EXIT_INPUT)
    from kinchain.services.body import describe_site

    try:
        view = describe_site(site, side=side)
    except UnknownSite as e:
        raise fail(f"error: {e}", EXIT_INPUT) from None
    _print_site(view)


def _cites(evidence: Iterable[Evidence]) -> str:
    return "; ".join(str(e) for e in evidence)


#: columns that hold ids a coach copies into an intake (one id, or a list of them)
_ID_COLUMNS = ("id",)
_ID_LIST_COLUMNS = ("stabilises", "moves", "sites", "region", "tissue", "pathway")


def _row(table: Table, *cells: str) -> None:
    table.add_row(*(Text(cell) for cell in cells))  # plain text: ids like [ankle] are not markup
    for column, cell in zip(table.columns, cells, strict=False):
        if column.header in _ID_LIST_COLUMNS:  # a list of ids wraps between ids, not inside one
            longest = max((len(w) for w in cell.split()), default=0)
            column.min_width = max(column.min_width or 0, longest)


def _table(title: str, *columns: str) -> Table:
    """A table whose id columns never wrap inside an id; other columns wrap between words."""
    table = Table(title=title, title_justify="left", show_lines=False, expand=False)
    for column in columns:
        if column in _ID_COLUMNS:
            table.add_column(column, no_wrap=True, overflow="ignore")
        else:
            table.add_column(column, overflow="fold")
    return table


def _print_overview(overview: BodyOverview) -> None:
    web = overview.body
    grades = ", ".join(f"{n} {g}" for g, n in overview.grades.items())
    console.print(
        f"The body web: {len(web.sites)} sites, {len(web.tissues)} tissues, "
        f"{len(web.pathways)} pathways, resting on {overview.sources} sources ({grades}).",
        highlight=False,
    )
    console.print(
        "Roles follow the joint-by-joint view (expert opinion, untested). "
        "Details and evidence of one site: kinchain body SITE",
        highlight=False,
    )
    sites = _table("Sites (ground up)", "id", "name", "side", "role", "region", "ranges")
    for s in web.sites.values():
        role = s.role.value if s.role else "-"
        sides = "left/right" if s.sided else "midline"
        _row(sites, s.id, s.name, sides, role, s.region, str(len(s.motions)))
    console.print(sites)
    tissues = _table("Tissues", "id", "type, blood supply", "stabilises", "moves")
    for t in web.tissues.values():
        capsule = ", inside a joint capsule" if t.intracapsular else ""
        _row(
            tissues,
            t.id,
            f"{t.type}, {t.blood_supply} blood supply{capsule}",
            ", ".join(t.stabilises) or "-",
            ", ".join(t.moves) or "-",
        )
    console.print(tissues)
    pathways = _table("Pathways", "id", "kind", "evidence", "sites")
    for p in web.pathways.values():
        kind = f"{p.kind} {p.roots}" if p.roots else p.kind
        _row(pathways, p.id, kind, p.evidence, " > ".join(p.nodes))
    console.print(pathways)
    console.print(_HYPOTHESIS, highlight=False)


def _print_site(view: SiteView) -> None:
    s = view.site
    sides = "takes a side (left/right)" if s.sided else "midline, no side"
    console.print(f"{s.name} [{s.id}]: {s.region}, {sides}", highlight=False, markup=False)
    if s.role:
        console.print(
            f"Role (joint-by-joint view, expert opinion): {s.role.value}. Evidence: "
            f"{_cites(view.role_evidence)}",
            highlight=False,
            markup=False,
        )
    else:
        console.print("Role: none in the joint-by-joint view.", highlight=False)
    if s.note:
        console.print(s.note, highlight=False, markup=False)
    console.print(f"Sources: {_cites(view.site_evidence)}", highlight=False, markup=False)
    below = ", ".join(str(r) for r in view.below) or "nothing (bottom of the path or off it)"
    above = ", ".join(str(r) for r in view.above) or "nothing (top of the path or off it)"
    console.print(f"Load path below, nearest first: {below}", highlight=False, markup=False)
    console.print(f"Load path above, nearest first: {above}", highlight=False, markup=False)
    if view.motions:
        motions = _table("Normal ranges of motion", "motion", "evidence", "note")
        for link in view.motions:
            m = link.what
            assert isinstance(m, Motion)
            _row(motions, m.describe(), _cites(link.evidence), m.note)
        console.print(motions)
    if view.tissues:
        tissues = _table("Tissues", "tissue", "link", "type, blood supply", "evidence")
        for link in view.tissues:
            t = link.what
            assert isinstance(t, Tissue)
            capsule = ", inside the capsule" if t.intracapsular else ""
            _row(
                tissues,
                f"{t.name} [{t.id}]",
                link.relation,
                f"{t.type}, {t.blood_supply}{capsule}",
                _cites(link.evidence),
            )
        console.print(tissues)
    if view.pathways:
        pathways = _table(
            "Pathways through this site", "pathway", "evidence strength", "sites", "evidence"
        )
        for link in view.pathways:
            p = link.what
            assert isinstance(p, Pathway)
            kind = f"{p.kind} {p.roots}" if p.roots else p.kind
            _row(
                pathways,
                f"{p.name} [{p.id}], {kind}",
                p.evidence,
                " > ".join(p.nodes),
                _cites(link.evidence),
            )
        console.print(pathways)
    near = ", ".join(view.neighbours) or "none"
    console.print(f"Linked in one step (shown pathways): {near}", highlight=False, markup=False)
    console.print(_HYPOTHESIS, highlight=False)
