"""One pass over a document's tokens, shared by the components (spaCy token objects are costly)."""

from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Doc, Token

CACHE_KEY = "fs_tokens"


class TokenView(NamedTuple):
    """The token attributes the components read."""

    text: str
    lower: str
    norm: str
    alpha: bool
    upper: bool
    title: bool
    punct: bool
    newline: bool
    like_num: bool
    shape: str


def view(token: Token) -> TokenView:
    """The attributes of one token."""
    return TokenView(
        token.text,
        token.lower_,
        token.norm_,
        token.is_alpha,
        token.is_upper,
        token.is_title,
        token.is_punct,
        token.is_space and "\n" in token.text,
        token.like_num,
        token.shape_,
    )


def token_views(doc: Doc) -> list[TokenView]:
    """The views of every token of `doc`, computed once (after the spelling component)."""
    cached: list[TokenView] | None = doc.user_data.get(CACHE_KEY)
    if cached is None or len(cached) != len(doc):
        cached = [view(token) for token in doc]
        doc.user_data[CACHE_KEY] = cached
    return cached
