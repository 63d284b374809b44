"""The coach downloads a client's handout and one-page summary beside the full report's PDF,
and the client sees each exercise drawn on her Today page (inline SVG: nothing fetched, no
script)."""

from __future__ import annotations

from web_world import signed_in


def test_the_coach_downloads_the_handout_and_the_summary_as_pdfs(app, world):
    ana = signed_in(app, "ana@north.example")
    page = ana.get(f"/clients/{world.maria}").text
    for path, name in (("handout.pdf", "handout"), ("summary.pdf", "summary")):
        assert f'href="/clients/{world.maria}/{path}"' in page
        got = ana.get(f"/clients/{world.maria}/{path}")
        assert got.status_code == 200 and got.headers["content-type"] == "application/pdf"
        assert got.content.startswith(b"%PDF")
        assert f'-{name}.pdf"' in got.headers["content-disposition"]


def test_her_today_page_draws_each_exercise_as_a_looping_svg_without_script(app, world):
    maria = signed_in(app, "maria@client.example")
    page = maria.get(f"/my/{world.maria}/today").text
    items = page.count('<li class="card item')
    assert items >= 1
    assert page.count('class="kc-demo kc-demo-animated"') == items
    assert "<animate " in page and "demonstration slot" not in page
    drawing = page.split('class="kc-demo kc-demo-animated"', 1)[1].split("</svg>", 1)[0]
    assert "<script" not in drawing and " style=" not in drawing
