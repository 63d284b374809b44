"""The coach's report: one self-contained HTML page (body map, force plots, assessment,
program, references) and its PDF.

Inputs are plain dicts (the JSON forms of the intake, the assessment with its program and the
client simulation), so the report renders whatever produced them; :mod:`kinchain.services`
composes the real pipeline.
"""

from kinchain.report.bodymap import BodyMap, body_map_marks
from kinchain.report.bodymap_svg import body_map_svg
from kinchain.report.html import render_html
from kinchain.report.pdf import pdf_bytes, render_pdf

__all__ = ["BodyMap", "body_map_marks", "body_map_svg", "pdf_bytes", "render_html", "render_pdf"]
