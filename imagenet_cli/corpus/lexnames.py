"""WordNet 3.0's ``lexnames`` file, which Linux packages of the database files lack.

Used by the reader (to serve it to NLTK) and by the finder and importer (to write it into
a corpus); a module of its own, so that neither imports the other for it.
"""

from __future__ import annotations

__all__ = ["LEXNAMES", "lexnames_text"]

#: The lexicographer file names, numbered 00-44, as listed in the lexnames(5WN) manual
#: page of WordNet 3.0 (Debian: /usr/share/man/man5/lexnames.5WN.gz). Syntactic category
#: codes: 1 noun, 2 verb, 3 adjective, 4 adverb.
LEXNAMES: tuple[tuple[str, int], ...] = (
    ("adj.all", 3), ("adj.pert", 3), ("adv.all", 4), ("noun.Tops", 1),
    ("noun.act", 1), ("noun.animal", 1), ("noun.artifact", 1), ("noun.attribute", 1),
    ("noun.body", 1), ("noun.cognition", 1), ("noun.communication", 1), ("noun.event", 1),
    ("noun.feeling", 1), ("noun.food", 1), ("noun.group", 1), ("noun.location", 1),
    ("noun.motive", 1), ("noun.object", 1), ("noun.person", 1), ("noun.phenomenon", 1),
    ("noun.plant", 1), ("noun.possession", 1), ("noun.process", 1), ("noun.quantity", 1),
    ("noun.relation", 1), ("noun.shape", 1), ("noun.state", 1), ("noun.substance", 1),
    ("noun.time", 1), ("verb.body", 2), ("verb.change", 2), ("verb.cognition", 2),
    ("verb.communication", 2), ("verb.competition", 2), ("verb.consumption", 2),
    ("verb.contact", 2), ("verb.creation", 2), ("verb.emotion", 2), ("verb.motion", 2),
    ("verb.perception", 2), ("verb.possession", 2), ("verb.social", 2),
    ("verb.stative", 2), ("verb.weather", 2), ("adj.ppl", 3),
)  # fmt: skip


def lexnames_text() -> str:
    """The ``lexnames`` file as WordNet 3.0 would ship it: 45 tab-separated rows."""
    return "".join(
        f"{number:02d}\t{name}\t{category}\n" for number, (name, category) in enumerate(LEXNAMES)
    )
