"""The coach's report: one self-contained HTML page (body map, force plots, assessment,
program, references) and its PDF.

What a report shows is one typed, frozen :class:`~kinchain.report.view.ReportView`, built once
from a client's typed results (:func:`~kinchain.report.view.build_report_view`); the HTML page
and the PDF render it, and so can any other page. :mod:`kinchain.services` composes the pipeline.
"""

from kinchain.report.bodymap import BodyMap, body_map_marks
from kinchain.report.bodymap_svg import body_map_svg
from kinchain.report.html import render_html
from kinchain.report.pdf import pdf_bytes, render_pdf
from kinchain.report.view import ReportView, build_report_view

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
