"""Plain language for editors: sentence length, readability (Flesch-Douma) and spelling (hunspell-nl).

The stage runs after link on the typed records and only ever returns *warnings*
(codes ``long-sentence``, ``hard-to-read``, ``spelling``), positioned at file:line:col.

- :mod:`.text`: the running text of a record, as words with their place in the file;
- :mod:`.readability`: sentences, syllables (Pyphen) and the Flesch-Douma score;
- :mod:`.spelling`: the Dutch dictionary (spylls on Debian's hunspell-nl), cached per word;
- :mod:`.check`: the stage itself, :func:`check_language`.
"""

from .settings import LanguageSettings

__all__ = ["LanguageSettings"]
