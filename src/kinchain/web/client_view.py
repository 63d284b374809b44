"""What the client page shows, read in one place from the evaluation and the stored record.

The page reads the report's own views (:mod:`kinchain.report.context`, the body map and the
mechanics plots), so the page and the printed report never say different things. When the
report becomes a typed view model, :func:`client_page_view` is the one function to switch.

Plots are the slow part of a page (matplotlib): they are kept in a small in-process LRU keyed by
a hash of the simulation they are drawn from, so a second view of the same client is fast; the
stored report (HTML and PDF) likewise, keyed by a hash of its inputs.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar, cast

from markupsafe import Markup

from kinchain.evidence import GRADE_MEANING, default_registry
from kinchain.mechanics import ACTIVITIES, activity_spec
from kinchain.program.library import default_library
from kinchain.report import context as ctx
from kinchain.report.bodymap import body_map_marks
from kinchain.report.bodymap_svg import (
    AGE_COLOURS,
    FEEDS_COLOUR,
    PAIN_COLOURS,
    WEAKEST_COLOUR,
    body_map_svg,
)
from kinchain.report.citations import Citations
from kinchain.report.mechanics_view import mechanics_view
from kinchain.report.safety_view import safety_view
from kinchain.services.evaluate import Evaluation
from kinchain.services.report import report_documents, report_inputs_of

T = TypeVar("T")

__all__ = ["PLOT_CACHE_SIZE", "REPORT_CACHE_SIZE", "ContentCache", "cached_mechanics",
           "client_page_view", "plain", "plot_cache_info", "presentation_attributes",
           "report_cache_info", "report_document", "timeline"]

#: how many clients' plots are kept (each set is about 60 kB of SVG text)
PLOT_CACHE_SIZE = 128
#: contributors listed per pain on the page (the report lists them all)
ROWS_PER_PAIN = 4

#: how many reports (HTML or PDF, about 200 kB each) are kept
REPORT_CACHE_SIZE = 32


class ContentCache:
    """A small thread-safe LRU of rendered things, keyed by a hash of what they are drawn from:
    the same inputs always draw the same output, so nothing is ever stale."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._items: OrderedDict[str, Any] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get_or_make(self, key: str, make: Callable[[], T], /) -> T:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                self.hits += 1
                return cast("T", self._items[key])
        made = make()  # outside the lock: two first views may both draw, never wait on one
        with self._lock:
            self.misses += 1
            self._items[key] = made
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return made

    def info(self) -> dict[str, int]:
        with self._lock:
            return {"hits": self.hits, "misses": self.misses, "size": len(self._items)}


_plots = ContentCache(PLOT_CACHE_SIZE)
_reports = ContentCache(REPORT_CACHE_SIZE)
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


_REF = re.compile(r"\b(?:injuries|pain|footwear|activities|goals)\[\d+\]")
_SNAKE = re.compile(r"\b[a-z]{2,}(?:_[a-z0-9]{2,})+\b")


def plain(text: str, client: Mapping[str, Any], /) -> str:
    """A trail's text in the coach's words: an intake pointer becomes what it points to, a
    site id its label, any other field name its words.

    >>> plain("ankle to lumbar_spine via injuries[0]; care: rehab_completed",
    ...       {"injuries": [{"site": "ankle", "side": "left", "kind": "sprain"}]})
    'ankle to lower back via left ankle sprain; care: rehab completed'
    """
    from kinchain.body import default_body, site_label

    sites = default_body().sites
    text = _REF.sub(lambda m: ctx.resolve_ref(client, m.group(0)), text)
    return _SNAKE.sub(lambda m: site_label(m.group(0), None) if m.group(0) in sites
                      else m.group(0).replace("_", " "), text)


def _plain_trail(steps: Sequence[Mapping[str, Any]] | None,
                 client: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [{**s, **{k: plain(str(s.get(k) or ""), client) for k in ("fact", "rule", "value",
                                                                    "note")}}
            for s in steps or ()]


def _plain_page(page: dict[str, Any], client: Mapping[str, Any]) -> None:
    """Every trail on the page in plain words (the report's views keep the engine's text)."""
    for group in page["contributors"]:
        for row in group["rows"]:
            row["trail"] = _plain_trail(row["trail"], client)
    for link in page["weakest_links"]:
        link["trail"] = _plain_trail(link["trail"], client)
    if page["mechanics"] is not None:
        page["mechanics"]["trail"] = _plain_trail(page["mechanics"]["trail"], client)


def _key(simulation: Mapping[str, Any]) -> str:
    text = json.dumps(simulation, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def _draw_mechanics(simulation: Mapping[str, Any]) -> dict[str, Any] | None:
    view = mechanics_view(simulation, Citations(default_registry()))
    if view is not None:
        for fig in view["figures"]:
            fig["svg"] = Markup(presentation_attributes(str(fig["svg"])))
    return view


def cached_mechanics(simulation: Mapping[str, Any] | None, /) -> dict[str, Any] | None:
    """The mechanics view (plots as CSP-clean inline SVG), drawn once per distinct simulation.
    Citation numbers in it are the throw-away ones of its first drawing: the page renumbers."""
    if not simulation:
        return None
    return _plots.get_or_make(_key(simulation), lambda: _draw_mechanics(simulation))


def plot_cache_info() -> dict[str, int]:
    """Hits, misses and size of the plot cache (for tests and the benchmark)."""
    return _plots.info()


def report_document(evaluation: Evaluation, /, *, pdf: bool = False) -> bytes:
    """The stored report (HTML, or the PDF), rendered once per distinct content: its key is a
    hash of the three inputs the report is drawn from."""
    inputs = report_inputs_of(evaluation)
    key = _key({"client": inputs.client, "assessment": inputs.assessment, "pdf": pdf,
                "simulation": inputs.simulation, "as_of": inputs.as_of.isoformat()})
    return _reports.get_or_make(key, lambda: report_documents(evaluation, pdf=pdf))


def report_cache_info() -> dict[str, int]:
    """Hits, misses and size of the report cache."""
    return _reports.info()


def _recite(trail: Sequence[Mapping[str, Any]], cites: Citations) -> list[dict[str, Any]]:
    """A cached trail's steps with this page's citation numbers."""
    return [{**s, "cites": cites.cite([key for _, key in s.get("cites") or ()])} for s in trail]


def _mechanics(simulation: Mapping[str, Any] | None, cites: Citations) -> dict[str, Any] | None:
    view = cached_mechanics(simulation)
    if view is None:
        return None
    activity = str(view["activity"])
    label = activity_spec(activity).label if activity in ACTIVITIES else activity
    return {**view, "activity": label, "trail": _recite(view["trail"], cites),
            "link_trail": _recite(view["link_trail"], cites)}


def _body_map(client: Mapping[str, Any], assessment: Mapping[str, Any],
              evaluation: Evaluation, name: str) -> dict[str, Any]:
    marks = body_map_marks(client, assessment, as_of=evaluation.as_of)
    return {
        "svg": Markup(body_map_svg(marks, title=f"Body map of {name}")),
        "injuries": [m.label for m in marks.injuries],
        "pains": [m.label for m in marks.pains],
        "arrows": [a.label for a in marks.arrows],
        "pain_colours": PAIN_COLOURS,
        "age_colours": AGE_COLOURS,
        "feeds_colour": FEEDS_COLOUR,
        "weakest_colour": WEAKEST_COLOUR,
    }


def _glance(who: Mapping[str, Any], contributors: Sequence[Mapping[str, Any]],
            record: Mapping[str, Any], program: Mapping[str, Any] | None) -> dict[str, Any]:
    """The at-a-glance line: who, each pain with its leading contributor, the program, the
    last check-in."""
    checkins = record.get("checkins") or []
    return {
        "who": ", ".join(str(x) for x in (
            f"{who['age']} years" if who.get("age") is not None else "",
            who.get("life_stage") or "") if x),
        "goals": who.get("goals") or [],
        "pains": [{"pain": g["pain"], "intensity": g["intensity"],
                   "lead": g["rows"][0]["what"] if g["rows"] else ""} for g in contributors],
        "program": (f"{program['total_minutes']} of {program['daily_minutes']} minutes a day, "
                    f"{len(program['routine'])} exercises") if program else "",
        "last_checkin": checkins[-1]["date"] if checkins else "",
        "checkins": len(checkins),
    }


def client_page_view(evaluation: Evaluation, record: Mapping[str, Any], /) -> dict[str, Any]:
    """Everything the client page shows, in the coach's words (no ids, no field names)."""
    inputs = report_inputs_of(evaluation)
    client, assessment = inputs.client, inputs.assessment
    cites = Citations(default_registry())
    suspended = bool(assessment.get("program_suspended"))
    who = ctx.client_view(client, as_of=evaluation.as_of)
    referral = ctx.referral_view(assessment, cites)  # first: its sources are numbered first
    safety = safety_view(assessment, cites)
    contributors = ctx.contributors_view(client, assessment, cites, rows_per_pain=ROWS_PER_PAIN)
    program = None if suspended else ctx.program_view(client, assessment.get("program"), cites)
    page: dict[str, Any] = {
        "who": who,
        "as_of": evaluation.as_of.isoformat(),
        "referral": referral,
        "suspended": suspended,
        "safety": safety,
        "provisional": bool(safety["provisional"]),
        "glance": _glance(who, contributors, record, program),
        "body_map": _body_map(client, assessment, evaluation, who["name"]),
        "contributors": contributors,
        "weakest_links": ctx.weakest_links_view(assessment, cites),
        "instruments": ctx.instruments_view(assessment, cites),
        "mechanics": _mechanics(inputs.simulation, cites),
        "program": program,
        "timeline": timeline(record),
        "grade_meaning": GRADE_MEANING,
    }
    page["references"] = cites.references()
    _plain_page(page, client)
    return page


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
