"""The web editor at ``/beheer/``: a Decap CMS configuration generated from the record model.

- :mod:`.config` turns :data:`build_tools.schema.RECORD_TYPES` into Decap's configuration
  (one collection per record type, a widget per field kind, Dutch labels and hints).
- :mod:`.site` writes ``/beheer/`` into a built site: the shell page, the configuration and
  Decap's own code, self-hosted from the npm package pinned in ``package-lock.json``.
- :mod:`.local` runs the editor on this machine against the working copy (``make beheer``).
"""

from __future__ import annotations

from .config import EditorSettings, editor_config, render_config

__all__ = ["EditorSettings", "editor_config", "render_config"]
