"""Print: chapter and whole-guide PDFs for learning circles (catalog → print HTML → PDF)."""

from __future__ import annotations

from .outputs import GUIDE_PDF, ExportError, export_chapter, export_pack, export_pdfs, export_to_site
from .packs import PackError

__all__ = ["GUIDE_PDF", "ExportError", "PackError", "export_chapter", "export_pack", "export_pdfs", "export_to_site"]
