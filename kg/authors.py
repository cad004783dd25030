"""People's names as inputs write them: one display form, and the keys that match them.

'Kingma, Diederik P.' (BibTeX), 'Diederik P. Kingma' and 'Diederik P. Kingma ' are
one author; in-text citations name only the surname ('Kingma and Ba, 2015').
"""

from __future__ import annotations

import re
import unicodedata

from kg.model import fold

SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}  # not surnames: 'Martin Luther King Jr.'


def display_name(name: str) -> str:
    """'Last, First' (or 'Last, Jr., First') as 'First Last'; other names as they are."""
    parts = [part.strip() for part in name.split(",") if part.strip()]
    if len(parts) == 2:
        return f"{parts[1]} {parts[0]}"
    if len(parts) == 3:
        return f"{parts[2]} {parts[0]} {parts[1]}"
    return " ".join(name.split())


def plain(text: str) -> str:
    """Lowercase without accents, so 'Balázs' and 'Balazs' compare equal."""
    decomposed = unicodedata.normalize("NFKD", fold(text))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def surname_key(name: str) -> str:
    """The comparable surname of a person: 'Laurens van der Maaten' -> 'maaten'."""
    words = [re.sub(r"[^a-z]", "", plain(word)) for word in display_name(name).split()]
    words = [word for word in words if word and word not in SUFFIXES]
    return words[-1] if words else ""
