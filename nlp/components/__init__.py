"""The parser's spaCy components; importing this package registers their factories."""

from nlp.components import concerns, context, crisis, preferences, spelling

__all__ = ["concerns", "context", "crisis", "preferences", "spelling"]
