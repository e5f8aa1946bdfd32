"""The parser's spaCy components; importing this package registers their factories."""

from nlp.components import concerns, context, preferences, risk, spelling

__all__ = ["concerns", "context", "preferences", "risk", "spelling"]
