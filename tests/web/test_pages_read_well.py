"""The pages as a coach and an assistive technology read them: every field labelled, every image
described, the colours at WCAG 2.1 AA, plain words (no field names, no ids), the dashboard's
search and filters, and plots drawn once per distinct simulation."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kinchain.web import client_view
from web_world import signed_in

CSS = Path(__file__).resolve().parents[2] / "src" / "kinchain" / "web" / "static" / "app.css"
FIELDS = ("input", "select", "textarea")


class PageParts(HTMLParser):
    """The fields, labels, images and visible text of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: list[dict[str, str | None]] = []
        self.label_for: set[str] = set()
        self.images: list[dict[str, str | None]] = []
        self.svgs: list[dict[str, str | None]] = []
        self.text: list[str] = []
        self._open: list[str] = []
        self._label_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "label":
            self._label_depth += 1
            if a.get("for"):
                self.label_for.add(str(a["for"]))
        if tag in FIELDS and a.get("type") != "hidden":
            self.fields.append({**a, "wrapped": "yes" if self._label_depth else None})
        if tag == "img":
            self.images.append(a)
        if tag == "svg" and not any(t == "svg" for t in self._open):
            self.svgs.append(a)
        if tag not in ("input", "br", "meta", "link", "img", "path", "circle", "line", "rect",
                       "use", "polygon", "stop"):
            self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "label":
            self._label_depth -= 1
        if tag in self._open:
            while self._open and self._open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if not any(t in ("script", "style", "svg", "title") for t in self._open):
            self.text.append(data)


def _parts(html: str) -> PageParts:
    parts = PageParts()
    parts.feed(html)
    return parts


def _pages(app, world) -> dict[str, str]:  # type: ignore[no-untyped-def]
    anon = signed_in(app, "ana@north.example")
    pages = {
        "dashboard": anon.get("/dashboard").text,
        "maria": anon.get(f"/clients/{world.maria}").text,
        "not found": anon.get("/clients/nobody").text,
        "bad filter": anon.get("/dashboard?reason=loud").text,
        "tom": signed_in(app, "bea@north.example").get(f"/clients/{world.tom}").text,
        "ruth": signed_in(app, "cai@south.example").get(f"/clients/{world.sofia}").text,
    }
    anon.post("/logout", data={"csrf": anon.get("/dashboard").text.split(
        'name="csrf" value="', 1)[1].split('"', 1)[0]})
    pages["login"] = anon.get("/login").text
    return pages


def test_every_field_has_a_label_and_every_image_says_what_it_shows(app, world) -> None:
    for name, html in _pages(app, world).items():
        parts = _parts(html)
        unlabelled = [f for f in parts.fields if not (
            f.get("wrapped") or f.get("aria-label") or f.get("id") in parts.label_for)]
        assert unlabelled == [], f"{name}: fields without a label: {unlabelled}"
        assert [i for i in parts.images if not i.get("alt") and i.get("alt") != ""] == [], name
        for svg in parts.svgs:
            hidden = svg.get("aria-hidden") == "true"
            assert hidden or svg.get("role") == "img", f"{name}: an svg that is no image: {svg}"


def test_a_plot_or_the_body_map_carries_a_title_a_screen_reader_reads(app, world) -> None:
    html = signed_in(app, "ana@north.example").get(f"/clients/{world.maria}").text
    assert '<title id="bodymap-title">Body map of Maria Example</title>' in html
    captions = re.findall(r'<figcaption id="(plot-[a-z]+)-cap"><strong>([^<]+)', html)
    assert [c[0] for c in captions] == ["plot-grf", "plot-joints", "plot-energy"]


def test_the_client_page_shows_no_field_names_and_no_ids(app, world) -> None:
    html = signed_in(app, "ana@north.example").get(f"/clients/{world.maria}").text
    text = re.sub(r"https?://\S+", "", " ".join(_parts(html).text))  # a source's address stays
    assert "Maria Example" in text and "What may contribute to each pain" in text
    # a field name: words joined by underscores (a formula's one-letter d_i is not one)
    snake = sorted(set(re.findall(r"\b[a-z]{2,}(?:_[a-z0-9]{2,})+\b", text)))
    assert snake == [], f"field names shown to the coach: {snake}"
    assert world.maria not in text and "cl_" not in text and "None" not in text
    assert not re.search(r"\b(injuries|pain|footwear)\[\d+\]", text)


def test_the_referral_leads_the_page_of_a_client_with_a_red_flag(app, world) -> None:
    html = signed_in(app, "cai@south.example").get(f"/clients/{world.sofia}").text
    main = html.split('<main id="main"', 1)[1]
    first = re.search(r"<section[^>]*aria-labelledby=\"([a-z-]+)\"", main)
    assert first is not None and first.group(1) == "referral-h"
    section = main.split("</section>", 1)[0]
    for heading in ("Program suspended: refer first", "Who to see", "How soon", "Why",
                    "What to say"):
        assert heading in section
    assert "No program while the referral stands" in html


def test_the_dashboard_filters_by_reason_and_by_who_needs_the_coach(app, world) -> None:
    ana = signed_in(app, "ana@north.example")
    screening = ana.get("/dashboard", params={"reason": "screening"}).text
    assert "Maria Example" in screening
    assert "No client matches" in ana.get("/dashboard", params={"reason": "red_flag"}).text
    assert "Maria Example" in ana.get("/dashboard", params={"needs": "1"}).text
    assert "No client matches" in ana.get("/dashboard", params={"q": "zz"}).text
    part = ana.get("/dashboard", params={"q": "mar"}, headers={"HX-Request": "true"})
    assert part.text.startswith('<div id="client-rows"') and "Maria Example" in part.text
    assert "<html" not in part.text


def test_an_unknown_filter_is_refused_naming_the_field_and_the_kinds_it_may_be(app,
                                                                                 world) -> None:
    answer = signed_in(app, "ana@north.example").get("/dashboard", params={"reason": "loud"})
    assert answer.status_code == 422
    assert "reason: expected one of red_flag, referral" in answer.text
    assert "received &#39;loud&#39;" in answer.text


def test_a_second_view_of_the_same_client_draws_no_plot_again(app, world) -> None:
    ana = signed_in(app, "ana@north.example")
    ana.get(f"/clients/{world.maria}")
    before = client_view.plot_cache_info()
    again = ana.get(f"/clients/{world.maria}")
    after = client_view.plot_cache_info()
    assert again.status_code == 200
    assert after["hits"] == before["hits"] + 1 and after["misses"] == before["misses"]


def _luminance(colour: str) -> float:
    rgb = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    """WCAG 2.1's contrast ratio of two colours (#rrggbb)."""
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_the_contrast_formula_gives_wcags_own_extremes() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def _palette() -> dict[str, str]:
    css = CSS.read_text()
    root = css.split(":root {", 1)[1].split("}", 1)[0]
    colours = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-fA-F]{6})", root))
    colours["white"] = "#ffffff"
    colours["focus"] = re.search(r"outline: 3px solid (#[0-9a-f]{6})", css).group(1)  # type: ignore[union-attr]
    return colours


@pytest.mark.parametrize(("ink", "ground", "least"), [
    ("ink", "paper", 4.5), ("ink", "wash", 4.5), ("quiet", "paper", 4.5), ("quiet", "wash", 4.5),
    ("accent", "paper", 4.5), ("accent", "wash", 4.5), ("accent-ink", "accent", 4.5),
    ("danger", "danger-wash", 4.5), ("danger", "paper", 4.5), ("notice", "notice-wash", 4.5),
    ("white", "ink", 4.5), ("quiet", "danger-wash", 4.5), ("quiet", "notice-wash", 4.5),
    # the focus ring is not text: WCAG's 3:1 for user-interface parts, on every ground it meets
    ("focus", "paper", 3.0), ("focus", "wash", 3.0), ("focus", "ink", 3.0),
])
def test_each_colour_pair_the_pages_use_meets_wcag_aa(ink: str, ground: str, least: float) -> None:
    colours = _palette()
    assert contrast(colours[ink], colours[ground]) >= least


def test_the_timeline_names_exercises_and_tells_the_newest_first() -> None:
    record = {
        "intake_versions": [
            {"version": 1, "saved_at": "2026-10-01T12:00:00", "reason": None},
            {"version": 2, "saved_at": "2026-10-20T12:00:00", "reason": "a new knee injury"},
        ],
        "checkins": [{"date": "2026-10-08", "document": {
            "effort": "easy", "pain": [{"site": "lumbar_spine", "intensity": 4},
                                       {"site": "hip", "side": "left", "intensity": 6}]}}],
        "edits": [{"recorded_at": "2026-10-15T09:00:00", "edit": {
            "kind": "replace", "exercise": "toe_yoga", "replacement": "toe_spreading",
            "when": "2026-10-15", "why": "she finds it easier"}}],
    }
    assert [(e["when"], e["what"]) for e in client_view.timeline(record)] == [
        ("2026-10-20", "Intake updated (version 2): a new knee injury"),
        ("2026-10-15", "Coach replaced Toe yoga with Toe spreading: she finds it easier"),
        ("2026-10-08", "Check-in: the routine felt easy, worst pain 6/10"),
        ("2026-10-01", "Intake saved"),
    ]


def test_a_second_read_of_the_same_report_is_not_rendered_again(app, world) -> None:
    ana = signed_in(app, "ana@north.example")
    first = ana.get(f"/clients/{world.maria}/report")
    before = client_view.report_cache_info()
    again = ana.get(f"/clients/{world.maria}/report")
    after = client_view.report_cache_info()
    assert again.status_code == 200 and again.content == first.content
    assert after["hits"] == before["hits"] + 1 and after["misses"] == before["misses"]
    assert "style-src 'unsafe-inline'" in again.headers["content-security-policy"]
    assert "script-src" not in again.headers["content-security-policy"]
