"""What the client page shows, read in one place from the evaluation and the stored record.

The page reads the report's own typed view model (:class:`kinchain.report.view.ReportView`, the
one the HTML report and its PDF render), so the page and the printed report never say different
things: same sentences, same evidence grades, same citation numbers.

Plots are the slow part of a page (matplotlib): they are kept in a small in-process LRU keyed by
a hash of the figures they are drawn from, so a second view of the same client is fast; the
stored report (HTML and PDF) likewise, keyed by a hash of the whole view. Both are
memos (:class:`kinchain.services.memo.Memo`), so a client's erasure drops her entries.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Iterator, Mapping
from typing import Any

from markupsafe import Markup

from kinchain.intake import Intake
from kinchain.mechanics import ACTIVITIES, activity_spec
from kinchain.program.library import default_library
from kinchain.report.bodymap_svg import (
    AGE_COLOURS,
    FEEDS_COLOUR,
    PAIN_COLOURS,
    WEAKEST_COLOUR,
    body_map_svg,
)
from kinchain.report.citations import Reference
from kinchain.report.view import ReportView, shortened
from kinchain.report.view.model import (
    Cite,
    ClientHeader,
    Figure,
    MechanicsView,
    PainGroup,
    Trail,
    WeakestLinkView,
)
from kinchain.report.view.words import describe_ref
from kinchain.services.evaluate import Evaluation
from kinchain.services.memo import Memo
from kinchain.services.report import Document, render_document, report_inputs_of

__all__ = ["PLOT_CACHE_SIZE", "REPORT_CACHE_SIZE", "Plot", "cached_mechanics",
           "client_page_view", "plain", "plot_cache_info", "presentation_attributes",
           "report_cache_info", "report_document", "timeline"]

#: how many clients' plots are kept (each set is about 60 kB of SVG text)
PLOT_CACHE_SIZE = 128
#: contributors listed per pain on the page (the report lists them all)
ROWS_PER_PAIN = 4

#: how many reports (HTML or PDF, about 200 kB each) are kept
REPORT_CACHE_SIZE = 32


#: drawn plots and rendered reports, by a hash of what they are drawn from (the same inputs
#: draw the same output, so nothing is ever stale); each entry names the client it shows
_plots: Memo[tuple[Plot, ...]] = Memo(PLOT_CACHE_SIZE)
_reports: Memo[bytes] = Memo(REPORT_CACHE_SIZE)
_STYLE_ATTR = re.compile(r'\sstyle="([^"]*)"')


def presentation_attributes(svg: str, /) -> str:
    """``style="fill: none; stroke: #000"`` becomes ``fill="none" stroke="#000"``: the page's
    Content-Security-Policy refuses inline style attributes, SVG presentation attributes are
    markup and pass.

    >>> presentation_attributes('<path style="fill: none; stroke-width: 0.8"/>')
    '<path fill="none" stroke-width="0.8"/>'
    >>> presentation_attributes('<text style="font-family: \\'DejaVu Sans\\'">x</text>')
    '<text font-family="\\'DejaVu Sans\\'">x</text>'
    """

    def attrs(match: re.Match[str]) -> str:
        pairs = (p.split(":", 1) for p in match.group(1).split(";") if ":" in p)
        return "".join(f' {k.strip()}="{v.strip()}"' for k, v in pairs)

    return _STYLE_ATTR.sub(attrs, svg)


@dataclasses.dataclass(frozen=True)
class Plot:
    """One mechanics figure drawn for the page: CSP-clean inline SVG, its title and reading."""

    id: str
    title: str
    reading: str
    svg: Markup


_REF = re.compile(r"\b(?:injuries|pain|footwear|activities|goals)\[\d+\]")
_SNAKE = re.compile(r"\b[a-z]{2,}(?:_[a-z0-9]{2,})+\b")


def plain(text: str, intake: Intake, /) -> str:
    """A trail's text in the coach's words: an intake pointer becomes what it points to, a
    site id its label, any other field name its words.

    >>> import datetime as dt
    >>> intake = Intake.model_validate({"client": {"name": "A", "birth_year": 1990,
    ...     "sex": "female", "height_cm": 165, "mass_kg": 60}, "daily_minutes": 10,
    ...     "footwear": [{"name": "work flats", "kind": "flat"}]}, context={"as_of": dt.date.max})
    >>> plain("ankle to lumbar_spine via footwear[0]; care: rehab_completed", intake)
    'ankle to lower back via work flats; care: rehab completed'
    """
    from kinchain.body import default_body, site_label

    sites = default_body().sites
    text = _REF.sub(lambda m: describe_ref(intake, m.group(0)), text)
    return _SNAKE.sub(lambda m: site_label(m.group(0), None) if m.group(0) in sites
                      else m.group(0).replace("_", " "), text)


def _plain_trail(trail: Trail, intake: Intake) -> Trail:
    return tuple(dataclasses.replace(s, fact=plain(s.fact, intake), rule=plain(s.rule, intake),
                                     value=plain(s.value, intake), note=plain(s.note, intake))
                 for s in trail)


def _plain_groups(groups: tuple[PainGroup, ...], intake: Intake) -> tuple[PainGroup, ...]:
    return tuple(dataclasses.replace(g, rows=tuple(
        dataclasses.replace(r, trail=None if r.trail is None else _plain_trail(r.trail, intake))
        for r in g.rows)) for g in groups)


def _plain_links(links: tuple[WeakestLinkView, ...],
                 intake: Intake) -> tuple[WeakestLinkView, ...]:
    return tuple(dataclasses.replace(w, trail=_plain_trail(w.trail, intake)) for w in links)


def _key(thing: object, /) -> str:
    """A hash of a frozen view's content (its repr names every field and value)."""
    return hashlib.sha256(repr(thing).encode()).hexdigest()


def _draw(figures: tuple[Figure, ...]) -> tuple[Plot, ...]:
    from kinchain.report.html import figure_svg  # matplotlib: loaded on the first plot

    return tuple(Plot(f.id, f.title, f.reading,
                      Markup(presentation_attributes(figure_svg(f)))) for f in figures)


def cached_mechanics(mechanics: MechanicsView | None, /, *, client_id: str) -> tuple[Plot, ...]:
    """The mechanics figures of a client as CSP-clean inline SVG, drawn once per distinct set
    of figures (none when there is no simulation)."""
    if mechanics is None or not mechanics.figures:
        return ()
    figures = mechanics.figures
    return _plots.get(_key(figures), lambda: _draw(figures), owner=client_id)


def plot_cache_info() -> dict[str, int]:
    """Hits, misses and size of the plot cache (for tests and the benchmark)."""
    return _plots.info()


def report_document(evaluation: Evaluation, /, *, client_id: str, pdf: bool = False,
                    kind: Document | None = None) -> bytes:
    """One of a stored client's report documents (the HTML page; with ``pdf`` the full PDF; or
    the ``kind`` named: ``handout``, ``summary``), rendered once per distinct content: its key
    is a hash of the report's view, which holds everything the report shows."""
    chosen: Document = kind or ("pdf" if pdf else "html")
    view = report_inputs_of(evaluation).view
    return _reports.get(f"{chosen}:{_key(view)}", lambda: render_document(view, chosen),
                        owner=client_id)


def report_cache_info() -> dict[str, int]:
    """Hits, misses and size of the report cache."""
    return _reports.info()


def _cite_numbers(thing: object) -> Iterator[int]:
    """Every citation number in a part of the view (its frozen dataclasses and tuples)."""
    if isinstance(thing, Cite):
        yield thing.number
    elif dataclasses.is_dataclass(thing) and not isinstance(thing, type):
        for field in dataclasses.fields(thing):
            yield from _cite_numbers(getattr(thing, field.name))
    elif isinstance(thing, tuple):
        for item in thing:
            yield from _cite_numbers(item)


def _references(view: ReportView, shown: tuple[object, ...]) -> list[Reference]:
    """The report's references the page cites, with the report's own numbers."""
    numbers = {n for part in shown for n in _cite_numbers(part)}
    return [ref for ref in view.references if ref.number in numbers]


def _body_map(view: ReportView) -> dict[str, object]:
    marks = view.body_map
    return {
        "svg": Markup(body_map_svg(marks, title=f"Body map of {view.client.name}")),
        "injuries": [m.label for m in marks.injuries],
        "pains": [m.label for m in marks.pains],
        "arrows": [a.label for a in marks.arrows],
        "pain_colours": PAIN_COLOURS,
        "age_colours": AGE_COLOURS,
        "feeds_colour": FEEDS_COLOUR,
        "weakest_colour": WEAKEST_COLOUR,
    }


def _glance(who: ClientHeader, view: ReportView, record: Mapping[str, Any]) -> dict[str, object]:
    """The at-a-glance lines: who, each pain with its leading contributor, the program (the
    report's own sentence), the last check-in."""
    checkins = record.get("checkins") or []
    return {
        "who": ", ".join(x for x in (f"{who.age} years" if who.age is not None else "",
                                     who.life_stage) if x),
        "goals": list(who.goals),
        "pains": [{"pain": g.pain, "intensity": g.intensity,
                   "lead": g.rows[0].what if g.rows else ""} for g in view.contributors],
        "program": view.glance.program,
        "last_checkin": checkins[-1]["date"] if checkins else "",
        "checkins": len(checkins),
    }


def _mechanics(view: ReportView, intake: Intake) -> MechanicsView | None:
    m = view.mechanics
    if m is None:
        return None
    label = activity_spec(m.activity).label if m.activity in ACTIVITIES else m.activity
    return dataclasses.replace(m, activity=label, trail=_plain_trail(m.trail, intake),
                               link_trail=_plain_trail(m.link_trail, intake))


def client_page_view(evaluation: Evaluation, record: Mapping[str, Any], /) -> dict[str, object]:
    """Everything the client page shows, in the coach's words (no ids, no field names), read
    from the report's view: the best few contributors to each pain, every trail in plain words,
    citations with the report's numbers."""
    view = report_inputs_of(evaluation).view
    intake = evaluation.intake
    page_view = shortened(view, rows_per_pain=ROWS_PER_PAIN, trails_per_pain=ROWS_PER_PAIN)
    contributors = _plain_groups(page_view.contributors, intake)
    weakest = _plain_links(view.weakest_links, intake)
    mechanics = _mechanics(view, intake)
    program = None if view.suspended else view.program
    shown: tuple[object, ...] = (
        view.referral, contributors, weakest, view.instruments,
        None if mechanics is None else mechanics.trail,
        None if program is None else (program.routine, program.habits),
    )
    return {
        "as_of": view.as_of.isoformat(),
        "referral": view.referral,
        "suspended": view.suspended,
        "safety": view.safety,
        "provisional": view.safety.provisional,
        "glance": _glance(view.client, view, record),
        "body_map": _body_map(view),
        "contributors": contributors,
        "weakest_links": weakest,
        "instruments": view.instruments,
        "mechanics": mechanics,
        "plots": cached_mechanics(view.mechanics, client_id=str(record["id"])),
        "program": program,
        "timeline": timeline(record),
        "references": _references(view, shown),
    }


def _exercise_name(exercise_id: str) -> str:
    found = default_library().get(exercise_id)
    return found.name if found is not None else exercise_id.replace("_", " ")


def _edit_words(edit: Mapping[str, Any]) -> str:
    kind = str(edit.get("kind", "edit"))
    words = {"add": "added", "remove": "removed", "replace": "replaced", "dose": "changed the "
             "dose of", "reorder": "moved"}.get(kind, kind.replace("_", " "))
    what = f"Coach {words} {_exercise_name(str(edit.get('exercise', '')))}"
    if edit.get("replacement"):
        what += f" with {_exercise_name(str(edit['replacement']))}"
    return what + (f": {edit['why']}" if edit.get("why") else "")


def _checkin_words(doc: Mapping[str, Any]) -> str:
    pains = [p for p in doc.get("pain") or () if isinstance(p, Mapping)]
    worst = max((int(p.get("intensity", 0)) for p in pains), default=None)
    effort = doc.get("effort")
    words = "Check-in" + (f": the routine felt {effort}" if effort else "")
    return words + (f", worst pain {worst}/10" if worst is not None else "")


def timeline(record: Mapping[str, Any], /) -> list[dict[str, str]]:
    """The record's events, newest first, in words: intake versions, check-ins, edits."""
    events = []
    for v in record.get("intake_versions") or ():
        what = "Intake saved" if v["version"] == 1 else f"Intake updated (version {v['version']})"
        events.append({"when": v["saved_at"][:10], "kind": "intake",
                       "what": what + (f": {v['reason']}" if v.get("reason") else "")})
    for c in record.get("checkins") or ():
        events.append({"when": c["date"], "kind": "checkin",
                       "what": _checkin_words(c["document"])})
    for e in record.get("edits") or ():
        events.append({"when": str(e["edit"].get("when", e["recorded_at"]))[:10],
                       "kind": "edit", "what": _edit_words(e["edit"])})
    return sorted(events, key=lambda e: e["when"], reverse=True)
