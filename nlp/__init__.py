"""Understanding what a person writes: concerns, crisis, preferences (no Telegram, no database)."""

from nlp.parser import Parser, load_parser
from nlp.result import Concern, Crisis, ParseResult, Preferences, Signal

__all__ = [
    "Concern", "Crisis", "ParseResult", "Parser", "Preferences", "Signal", "load_parser",
]  # fmt: skip
