"""The parse result: the contract in shared/taxonomy.md, as plain dataclasses."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

# The concern codes come from their registry, re-exported here for the parse contract.
from nlp.concern_codes import CONCERN_CODES as CONCERN_CODES
from nlp.concern_codes import MENTAL_HEALTH_CODES as MENTAL_HEALTH_CODES
from nlp.concern_codes import SUBSTANCE_CODES as SUBSTANCE_CODES

Experiencer = Literal["self", "family"]
Status = Literal["current", "past"]
CrisisKind = Literal["suicide", "self_harm", "overdose", "violence"]
CrisisLevel = Literal["clear", "possible"]
Person = Literal["self", "other"]
SignalKind = Literal["withdrawal", "abuse_at_home", "minor"]

AUDIENCES: tuple[str, ...] = ("women", "men", "lgbtq", "young_adults", "veterans")
DAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True, slots=True)
class Concern:
    """One affirmed concern: who has it, whether it is current, and the words that showed it."""

    code: str
    experiencer: Experiencer = "self"
    status: Status = "current"
    evidence: str = ""


@dataclass(frozen=True, slots=True)
class Crisis:
    """A crisis in progress or intended: `clear` when the words say it, `possible` when they may.

    `person` is "other" when the one in danger (or about to act) is someone with the writer, not
    the writer; `concepts` are the risk concepts that made it (e.g. "ingestion", "at_hand"), so a
    reply can fit the danger.
    """

    kind: CrisisKind
    level: CrisisLevel = "clear"
    evidence: str = ""
    person: Person = "self"
    concepts: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Signal:
    """A risk that is not a crisis but needs a word before any suggestion."""

    kind: SignalKind
    evidence: str = ""


@dataclass(slots=True)
class Preferences:
    """What the person asked for about the group."""

    format: Literal["online", "in_person"] | None = None
    approach: Literal["secular", "spiritual"] | None = None
    audience: list[str] = field(default_factory=list)
    language: str | None = None
    days: list[str] = field(default_factory=list)
    time_of_day: Literal["morning", "afternoon", "evening"] | None = None
    location: str | None = None
    medication: bool = False


@dataclass(slots=True)
class ParseResult:
    """Everything the parser found in one message."""

    concerns: list[Concern] = field(default_factory=list)
    crisis: Crisis | None = None
    signals: list[Signal] = field(default_factory=list)
    preferences: Preferences = field(default_factory=Preferences)
    written_in: str | None = None
    """The language the message is written in (ISO 639-1), when its words say."""

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready form described in shared/taxonomy.md."""
        return {
            "concerns": [asdict(c) for c in self.concerns],
            "crisis": asdict(self.crisis) if self.crisis else None,
            "signals": [asdict(s) for s in self.signals],
            "preferences": asdict(self.preferences),
            "written_in": self.written_in,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ParseResult:
        """Rebuild a result from its JSON-ready form."""
        crisis = data.get("crisis")
        return cls(
            concerns=[Concern(**c) for c in data.get("concerns", [])],
            crisis=(
                Crisis(**{**crisis, "concepts": tuple(crisis.get("concepts", ()))})
                if crisis
                else None
            ),
            signals=[Signal(**s) for s in data.get("signals", [])],
            preferences=Preferences(**data.get("preferences", {})),
            written_in=data.get("written_in"),
        )
