"""Search for the guide: Pagefind over the built site, with the guide's synonyms and compounds.

:func:`index_site` is the one entry point the build calls, after MkDocs and before the swap.
"""

from __future__ import annotations

from .annotate import FILTERS, PageInfo, annotate_page
from .indexer import SearchIndexError, SearchStats, index_site
from .vocabulary import CompoundSplitter, SearchTerms, Vocabulary

__all__ = [
    "FILTERS",
    "CompoundSplitter",
    "PageInfo",
    "SearchIndexError",
    "SearchStats",
    "SearchTerms",
    "Vocabulary",
    "annotate_page",
    "index_site",
]
