"""Print the report page to PDF with WeasyPrint (a real layout engine; no browser needed)."""

from __future__ import annotations

import logging
from pathlib import Path

__all__ = ["pdf_bytes", "render_pdf"]


def pdf_bytes(html: str, /) -> bytes:
    """The PDF of ``html`` (A4, the page's print styles), in memory."""
    import weasyprint  # imported here: it is slow to import and only the PDF needs it

    # WeasyPrint logs every CSS property it does not support as a warning; the page is
    # written for browsers too, so those are expected and not the user's concern
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    data = weasyprint.HTML(string=html, base_url=None).write_pdf()
    return bytes(data or b"")


def render_pdf(html: str, path: Path | str, /) -> Path:
    """Write ``html`` as a PDF at ``path`` and return the path."""
    out = Path(path)
    out.write_bytes(pdf_bytes(html))
    return out
