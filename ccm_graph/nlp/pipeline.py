"""The spaCy pipeline of ccm-graph: `spacy.blank("en")` with the project's own components.

    >>> from ccm_graph.nlp.pipeline import pipeline
    >>> nlp = pipeline()
    >>> doc = nlp("Ambassador Michael Biontino of Germany attended.")
    >>> [(s.text, s.kb_id_) for s in doc.spans["actors"]]
    [('Germany', 'DEU')]
    >>> [s.text for s in doc.spans["persons"]]
    ['Michael Biontino']

| component | factory | writes |
|---|---|---|
| tokenizer | `ccm.ParagraphTokenizer.v1` | tokens, one paragraph at a time |
| gazetteer | `ccm_gazetteer_v1` | actors, areas, instruments, demonyms |
| cues | `ccm_cues_v1` | cues, honorifics |
| offices | `ccm_offices_v1` | actors: a State's offices ("the Iraqi Mission") |
| meetings | `ccm_meetings_v1` | meetings, other_meetings |
| dates | `ccm_dates_v1` | dates |
| layout | `ccm_layout_v1` | paragraphs, lines, headings, items, numbered, parens, |
| | | sentences, rows, cells, blocks, status |
| persons | `ccm_persons_v1` | persons |
| entries | `ccm_entries_v1` | entries, roles |
| release | `ccm_release_v1` | drops the components' caches from `doc.user_data` |

`nlp(text)` and `nlp.pipe(texts)` work on plain text; the data every component needs is
loaded by `nlp.initialize()`, which `pipeline()` has called.
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

# Importing the modules registers their factories.
from ccm_graph.nlp import (  # noqa: F401
    cues,
    dates,
    entries,
    gazetteer,
    index,
    layout,
    meetings,
    offices,
    persons,
    tokenizer,
)

FACTORIES = {
    "gazetteer": "ccm_gazetteer_v1",
    "cues": "ccm_cues_v1",
    "offices": "ccm_offices_v1",
    "meetings": "ccm_meetings_v1",
    "dates": "ccm_dates_v1",
    "layout": "ccm_layout_v1",
    "persons": "ccm_persons_v1",
    "entries": "ccm_entries_v1",
    "release": "ccm_release_v1",
}
# No paragraph reaches spaCy's length limit (the tokenizer cuts long ones), and no
# component holds more than a few arrays per token.
MAX_LENGTH = 100_000_000


def blank() -> Language:
    """The pipeline with its components added, not yet initialized."""
    config = {"nlp": {"tokenizer": {"@tokenizers": "ccm.ParagraphTokenizer.v1"}}}
    nlp = spacy.blank("en", config=config)
    nlp.max_length = MAX_LENGTH
    assert isinstance(nlp.tokenizer, tokenizer.ParagraphTokenizer)
    for name, factory in FACTORIES.items():
        nlp.add_pipe(factory, name=name)
    return nlp


@cache
def pipeline() -> Language:
    """The initialized pipeline, built once per process."""
    nlp = blank()
    nlp.initialize()
    return nlp
