"""A contact sheet of every exercise demonstration, to look at them all at once.

Writes one HTML page: per exercise its name, the words under the drawing, the still strip for
the right side, the animation for the right and for the left side, and any range or contact
problem in red. Look at it in a browser, or take a screenshot:

    python bench/demo_sheet.py --out /tmp/sheet.html
    chromium --headless --no-sandbox --screenshot=/tmp/sheet.png --window-size=1280,6000 \
        file:///tmp/sheet.html

``--only ID [ID ...]`` draws a few; ``--columns`` sets how many exercises a row holds.
"""

from __future__ import annotations

import argparse
import html
import sys
import time
from pathlib import Path

from kinchain.program.demonstration import (
    angle_problems,
    contact_problems,
    default_demonstrations,
    default_figure,
    stage,
)
from kinchain.program.library import default_library
from kinchain.report.demonstration import (
    demonstration_description,
    demonstration_svg,
)

_STYLE = """
body { font-family: sans-serif; margin: 12px; background: #fafafa; }
.grid { display: grid; gap: 10px; }
.card { background: white; border: 1px solid #ddd; border-radius: 6px; padding: 6px; }
.card h2 { font-size: 13px; margin: 0 0 2px 0; }
.card p { font-size: 10px; margin: 0 0 4px 0; color: #444; }
.card .bad { color: #c00; }
.card svg { max-height: 150px; width: auto; vertical-align: bottom; }
.strip svg { max-width: 100%; }
"""


def _card(exercise_id: str) -> str:
    name = default_library()[exercise_id].name
    fig = default_figure()
    demo = default_demonstrations()[exercise_id]
    problems = angle_problems(demo, fig) + contact_problems(stage(demo, fig), fig)
    bad = "".join(f'<p class="bad">{html.escape(p)}</p>' for p in problems)
    return (
        f'<div class="card" id="{exercise_id}"><h2>{html.escape(name)} '
        f"<small>({exercise_id})</small></h2>"
        f"<p>{html.escape(demonstration_description(exercise_id))}</p>{bad}"
        f'<div class="strip">{demonstration_svg(exercise_id, "right", animated=False)}</div>'
        f"<div>{demonstration_svg(exercise_id, 'right', animated=True)}"
        f"{demonstration_svg(exercise_id, 'left', animated=True)}</div></div>"
    )


def sheet(ids: list[str], *, columns: int) -> str:
    """The contact sheet for ``ids`` as one HTML page."""
    cards = "".join(_card(i) for i in ids)
    grid = f"grid-template-columns: repeat({columns}, 1fr);"
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>kinchain demonstrations"
        f"</title><style>{_STYLE}</style></head><body><h1>{len(ids)} demonstrations</h1>"
        f'<div class="grid" style="{grid}">{cards}</div></body></html>'
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/sheet.html"))
    parser.add_argument("--only", nargs="*", default=None)
    parser.add_argument("--columns", type=int, default=3)
    args = parser.parse_args(argv)
    ids = args.only or list(default_demonstrations())
    start = time.perf_counter()
    args.out.write_text(sheet(ids, columns=args.columns), encoding="utf-8")
    took = time.perf_counter() - start
    print(f"{len(ids)} demonstrations written to {args.out} in {took:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
