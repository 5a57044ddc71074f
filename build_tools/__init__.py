"""wijkengids: turns the guide's authored records into a cross-linked site and print PDFs.

The pipeline: :mod:`load` → :mod:`validate` → :mod:`link` → render → export.
"""

from __future__ import annotations

__all__ = ["__version__"]
__version__ = "0.1.0"
