"""The risk component's anchors: the most selective required word of a pattern."""

from __future__ import annotations

from nlp.components.risk import pattern_anchors


def test_anchors() -> None:
    """Anchors come from the most selective required token; none without a word to anchor on."""
    pattern = [{"NORM": {"IN": ["my", "our"]}}, {"NORM": {"IN": ["son", "daughter"]}, "OP": "?"},
               {"NORM": {"IN": ["died", "passed"]}}]  # fmt: skip
    assert pattern_anchors(pattern) == frozenset({"died", "passed"})
    assert pattern_anchors([{"IS_PUNCT": True}]) is None
