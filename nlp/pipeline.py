"""Building the spaCy pipeline: a blank or trained English base plus the firststep components."""

from __future__ import annotations

import logging

import spacy
from spacy.language import Language

import nlp.components  # noqa: F401  (registers the component factories)
from nlp.components.risk import risk_detector

log = logging.getLogger(__name__)

COMPONENTS: tuple[str, ...] = (
    "firststep_spelling",
    "firststep_risk",
    "firststep_concerns",
    "firststep_context",
    "firststep_preferences",
)


def load_base(model: str | None) -> tuple[Language, str]:
    """The base pipeline and its name: the named trained pipeline if installed, else blank."""
    if model and model.strip() and model.strip().lower() not in ("blank", "blank:en", "en"):
        name = model.strip()
        try:
            base = spacy.load(
                name, exclude=["ner", "textcat", "textcat_multilabel", "entity_linker"]
            )
        except (OSError, ImportError, ValueError) as exc:
            log.warning(
                "spaCy pipeline %r is not installed or cannot be loaded (%s); "
                "falling back to a blank English pipeline",
                name,
                type(exc).__name__,
            )
        else:
            meta = base.meta
            return (
                base,
                f"{meta.get('lang', 'en')}_{meta.get('name', name)}-{meta.get('version', '?')}",
            )
    return spacy.blank("en"), "blank:en"


def build_pipeline(
    model: str | None = None, *, second_opinion: bool = True
) -> tuple[Language, str]:
    """The full parsing pipeline and a name saying what was loaded."""
    nlp, base_name = load_base(model)
    for component in COMPONENTS:
        config = {"second_opinion": second_opinion} if component == "firststep_risk" else {}
        nlp.add_pipe(component, config=config)
    learned = risk_detector(nlp).second_opinion is not None
    return nlp, f"{base_name}+firststep" + ("+second_opinion" if learned else "")
