"""The coach's report: one self-contained HTML page (body map, force plots, assessment,
program, references) and its PDF.

What a report shows is one typed, frozen :class:`~kinchain.report.view.ReportView`, built once
from a client's typed results (:func:`~kinchain.report.view.build_report_view`); the HTML page
and the PDF render it, and so can any other page. :mod:`kinchain.services` composes the pipeline.

The names below load on first use: importing ``kinchain.report.plots`` alone (a what-if's plot)
or the package's data files pays neither for the view nor for the domain packages it reads.
"""

import typing

from kinchain import _lazy

if typing.TYPE_CHECKING:
    from kinchain.report.bodymap import BodyMap, body_map_marks
    from kinchain.report.bodymap_svg import body_map_svg
    from kinchain.report.html import render_html
    from kinchain.report.pdf import pdf_bytes, render_pdf
    from kinchain.report.view import ReportView, build_report_view

_WHERE = {
    "BodyMap": "kinchain.report.bodymap",
    "ReportView": "kinchain.report.view",
    "body_map_marks": "kinchain.report.bodymap",
    "body_map_svg": "kinchain.report.bodymap_svg",
    "build_report_view": "kinchain.report.view",
    "pdf_bytes": "kinchain.report.pdf",
    "render_html": "kinchain.report.html",
    "render_pdf": "kinchain.report.pdf",
}
__getattr__, __dir__ = _lazy.lazy_exports(__name__, _WHERE)

__all__ = [
    "BodyMap",
    "ReportView",
    "body_map_marks",
    "body_map_svg",
    "build_report_view",
    "pdf_bytes",
    "render_html",
    "render_pdf",
]
