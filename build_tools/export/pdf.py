"""WeasyPrint: print HTML → tagged PDF, written atomically.

The PDF is first written to a temporary file beside the target and moved into place
with :func:`os.replace`, so a failed export never leaves a half-written PDF behind.
The PDF is tagged for accessibility as PDF/UA-1 (WeasyPrint's ``pdf/ua-1`` variant:
structure tags, document language, title shown in the viewer).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from .print_html import TEMPLATE_DIR, stylesheet_path

#: The engine's PDF variant; WeasyPrint 70 writes PDF/UA-1 (tags, /Lang, DisplayDocTitle).
PDF_VARIANT = "pdf/ua-1"
#: Bump when the rendering changes in a way the HTML does not show (engine options, code).
RENDER_VERSION = "1"


@dataclass(frozen=True)
class RenderResult:
    path: Path
    pages: int


def inputs_hash(html: str) -> str:
    """A hash of everything a PDF is made from: the HTML, the stylesheet, the engine."""
    digest = hashlib.sha256()
    for part in (RENDER_VERSION, PDF_VARIANT, version("weasyprint"), stylesheet_path().read_text("utf-8"), html):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def render_pdf(html: str, target: Path) -> RenderResult:
    """Lay out ``html`` and write the PDF to ``target`` atomically; returns the page count."""
    import weasyprint

    document = weasyprint.HTML(string=html, base_url=str(TEMPLATE_DIR) + os.sep).render()
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as out:
            document.write_pdf(out, pdf_variant=PDF_VARIANT)
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return RenderResult(target, len(document.pages))
