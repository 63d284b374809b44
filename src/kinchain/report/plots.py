"""Plots for the report and the CLI, drawn with matplotlib's Agg backend (no display needed).

The report's functions return one SVG element as text, ready to inline in a page (text stays
text, element ids are prefixed so several plots can share a page). Inputs are plain sequences
of numbers, so a plot never depends on how the mechanics engine stores its results.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from types import ModuleType

    from matplotlib.figure import Figure

__all__ = [
    "BASELINE_COLOUR",
    "CLIENT_COLOUR",
    "energy_bars_svg",
    "figure_to_svg",
    "grf_curve_svg",
    "grf_plot",
    "joint_forces_svg",
]

CLIENT_COLOUR = "#c2410c"
BASELINE_COLOUR = "#57534e"

_STYLE: Any = {  # matplotlib types rcParams keys as literals; this is a plain dict
    "svg.fonttype": "none",  # keep text as text: the page's fonts, selectable, small files
    "svg.hashsalt": "kinchain",  # stable ids from run to run
    "font.family": "sans-serif",
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#e7e5e4",
    "grid.linewidth": 0.8,
}


@cache
def _pyplot() -> ModuleType:
    """matplotlib's pyplot on the Agg backend, imported on the first plot: it takes a few tenths
    of a second, which a command that draws nothing should not pay."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _legend_client_first(ax: Any) -> None:
    """A legend above the plot's right corner, the client before the baseline."""
    handles, labels = ax.get_legend_handles_labels()
    ax.legend(
        handles[::-1],
        labels[::-1],
        frameon=False,
        loc="lower right",
        bbox_to_anchor=(1.0, 1.0),
        ncols=2,
        fontsize=9,
    )


def figure_to_svg(fig: Figure, /, *, id_prefix: str) -> str:
    """Serialise a figure to an inline ``<svg>`` element and close it.

    Every ``id`` (and the references to it) gets ``id_prefix`` so that two plots inlined in
    one page never share an id.

    >>> fig = _pyplot().figure(figsize=(1, 1)); _ = fig.add_subplot().plot([0, 1], [0, 1])
    >>> svg = figure_to_svg(fig, id_prefix="t-")
    >>> svg.startswith("<svg") and 'id="t-' in svg and "<?xml" not in svg and "<style" not in svg
    True
    """
    plt = _pyplot()
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    text = buf.getvalue()
    text = text[text.index("<svg") :]
    # matplotlib's <style> block styles "*": inlined, it would restyle the whole page; its two
    # rules become inherited attributes on this svg element instead
    text = re.sub(r"<defs>\s*<style[^>]*>.*?</style>\s*</defs>", "", text, flags=re.S)
    text = re.sub(r"<style[^>]*>.*?</style>", "", text, flags=re.S)
    text = text.replace("<svg ", '<svg stroke-linejoin="round" stroke-linecap="butt" ', 1)
    text = re.sub(r'\bid="([^"]+)"', rf'id="{id_prefix}\1"', text)
    text = re.sub(r"url\(#([^)]+)\)", rf"url(#{id_prefix}\1)", text)
    text = re.sub(r'href="#([^"]+)"', rf'href="#{id_prefix}\1"', text)
    return text.replace("<svg ", '<svg role="img" ', 1)


def grf_curve_svg(
    time_ms: Sequence[float],
    client_n: Sequence[float],
    baseline_n: Sequence[float] | None = None,
    /,
    *,
    body_weight_n: float | None = None,
    title: str = "",
) -> str:
    """Vertical ground reaction force against time, client and no-injury baseline.

    Forces are drawn in body weights when ``body_weight_n`` is given, else in newtons.
    """
    plt = _pyplot()
    scale = 1.0 / body_weight_n if body_weight_n else 1.0
    unit = "× body weight" if body_weight_n else "N"
    with plt.rc_context(_STYLE):
        fig = plt.figure(figsize=(4.6, 2.7))
        ax = fig.add_subplot()
        if baseline_n is not None:
            ax.plot(
                time_ms,
                [v * scale for v in baseline_n],
                color=BASELINE_COLOUR,
                lw=1.6,
                ls="--",
                label="no-injury baseline",
            )
        ax.plot(time_ms, [v * scale for v in client_n], color=CLIENT_COLOUR, lw=2.2, label="client")
        ax.set_xlabel("time after foot contact (ms)")
        ax.set_ylabel(f"force ({unit})")
        if title:
            ax.set_title(title, loc="left", fontsize=11, fontweight="bold")
        _legend_client_first(ax)
        ax.set_ylim(bottom=0)
        return figure_to_svg(fig, id_prefix="grf-")


def joint_forces_svg(
    time_ms: Sequence[float],
    joints: Mapping[str, tuple[Sequence[float], Sequence[float] | None]],
    /,
    *,
    body_weight_n: float | None = None,
) -> str:
    """One small panel per joint: force against time, client (solid) and baseline (dashed).

    ``joints`` maps a joint's label to (client series, baseline series or None), ground up.
    """
    plt = _pyplot()
    scale = 1.0 / body_weight_n if body_weight_n else 1.0
    unit = "× BW" if body_weight_n else "N"
    n = max(len(joints), 1)
    cols = 2 if n > 1 else 1
    rows = (n + cols - 1) // cols
    with plt.rc_context(_STYLE):
        fig = plt.figure(figsize=(4.6, 1.75 * rows + 0.5))
        axes = fig.subplots(rows, cols, squeeze=False, sharex=True)
        for i, (label, (client, baseline)) in enumerate(joints.items()):
            ax = axes[i // cols][i % cols]
            if baseline is not None:
                ax.plot(
                    time_ms, [v * scale for v in baseline], color=BASELINE_COLOUR, lw=1.4, ls="--"
                )
            ax.plot(time_ms, [v * scale for v in client], color=CLIENT_COLOUR, lw=2.0)
            ax.set_title(label, loc="left", fontsize=10, fontweight="bold")
            ax.set_ylabel(f"force ({unit})", fontsize=9)
        for j in range(len(joints), rows * cols):
            axes[j // cols][j % cols].set_visible(False)
        for ax in axes[-1]:
            ax.set_xlabel("time (ms)")
        fig.legend(
            handles=[
                plt.Line2D([], [], color=CLIENT_COLOUR, lw=2.0, label="client"),
                plt.Line2D(
                    [], [], color=BASELINE_COLOUR, lw=1.4, ls="--", label="no-injury baseline"
                ),
            ],
            loc="upper right",
            ncols=2,
            frameon=False,
            fontsize=9,
        )
        fig.tight_layout(rect=(0, 0, 1, 0.93))
        return figure_to_svg(fig, id_prefix="jf-")


def energy_bars_svg(
    labels: Sequence[str],
    client_j: Sequence[float],
    baseline_j: Sequence[float],
    /,
) -> str:
    """Energy absorbed per joint in joules: client and baseline bars side by side."""
    plt = _pyplot()
    with plt.rc_context(_STYLE):
        fig = plt.figure(figsize=(4.6, 2.7))
        ax = fig.add_subplot()
        xs = range(len(labels))
        width = 0.38
        ax.bar(
            [x - width / 2 for x in xs],
            baseline_j,
            width,
            color="#d6d3d1",
            edgecolor=BASELINE_COLOUR,
            label="no-injury baseline",
            hatch="//",
        )
        ax.bar([x + width / 2 for x in xs], client_j, width, color=CLIENT_COLOUR, label="client")
        ax.set_xticks(list(xs), [label.replace(" ", "\n", 1) for label in labels])
        ax.set_ylabel("energy absorbed (J)")
        _legend_client_first(ax)
        ax.grid(axis="x", visible=False)
        return figure_to_svg(fig, id_prefix="en-")


#: colours for the curves of :func:`grf_plot`, in order (client first)
_SERIES_COLOURS = (CLIENT_COLOUR, BASELINE_COLOUR, "#2563eb", "#15803d", "#7c3aed")


def grf_plot(
    series: Mapping[str, tuple[Sequence[float], Sequence[float]]],
    path: str | os.PathLike[str],
    /,
    *,
    title: str = "Vertical ground reaction force",
    body_weight_n: float | None = None,
    marks: Sequence[tuple[float, float, str]] = (),
) -> Path:
    """Draw force curves to a PNG or SVG file (chosen by the suffix) and return the path.

    ``series`` maps a legend label to (time in ms, force in N); the first is drawn solid and
    strong, the others thinner and dashed. ``marks`` are (time ms, force N, text) points such
    as the impact and active peaks. With ``body_weight_n`` a second axis shows body weights.
    """
    plt = _pyplot()
    out = Path(path)
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in ("png", "svg"):
        raise ValueError(f"{out}: expected a .png or .svg file name, received {out.suffix!r}")
    with plt.rc_context(_STYLE):
        fig = plt.figure(figsize=(7.0, 3.6))
        ax = fig.add_subplot()
        for i, (label, (time_ms, force_n)) in enumerate(series.items()):
            ax.plot(time_ms, force_n, color=_SERIES_COLOURS[i % len(_SERIES_COLOURS)],
                    lw=2.0 if i == 0 else 1.4, ls="-" if i == 0 else "--", label=label)  # fmt: skip
        for t, f, text in marks:
            ax.plot([t], [f], "o", color="#1c1917", ms=4)
            ax.annotate(text, (t, f), xytext=(6, 6), textcoords="offset points", fontsize=8)
        ax.set_xlabel("time after touchdown (ms)")
        ax.set_ylabel("force (N)")
        ax.set_ylim(bottom=0)
        ax.set_title(title, loc="left", fontsize=11, fontweight="bold")
        if body_weight_n:
            bw = body_weight_n

            def to_bw(force: Any) -> Any:
                return force / bw

            def to_n(weights: Any) -> Any:
                return weights * bw

            extra = ax.secondary_yaxis("right", functions=(to_bw, to_n))
            extra.set_ylabel("body weights")
        if len(series) > 1:
            ax.legend(frameon=False, fontsize=9)
        fig.tight_layout()
        fig.savefig(out, format=fmt, dpi=150, metadata={"Date": None} if fmt == "svg" else None)
        plt.close(fig)
    return out
