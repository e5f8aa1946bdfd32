"""What the handlers share: the states, the search in progress, the database, replies."""

from __future__ import annotations

import asyncio
import html
import logging
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field, fields
from enum import StrEnum
from typing import Any, NamedTuple, TypedDict, TypeVar

from sqlmodel import Session
from telegram import InlineKeyboardMarkup, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import ConversationHandler

from bot.db import run_db, run_db_long, session_scope
from bot.delivery import post_only
from bot.models import Person
from bot.people import get_or_create_person
from bot.services import Context
from directory.match import MatchRequest
from nlp.result import ParseResult

T = TypeVar("T")
log = logging.getLogger(__name__)
PARSE_KEY = "_parse"  # transient (never persisted): (update_id, ParseResult) of this update
SEARCH_KEY = "search"
HEARD_KEY = "_heard"  # transient (never persisted): [(ParseResult, first person?)] before consent
MAX_TEXT = 4096  # Telegram's own limit for one message
INLINE_PARSE = 400  # characters parsed on the event loop itself (longer: in a worker thread)
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


class Await(StrEnum):
    """Conversation states, named for what the bot is waiting for (each a step of the declared
    flow, ``bot.handlers.flow.STEPS``; a button's data is ``"<state>:<value>"``)."""

    CONSENT = "consent"
    CONCERN = "concern"
    TOPIC = "topic"
    FORMAT = "format"
    PLACE = "place"
    WHOM = "whom"
    AUDIENCE = "audience"
    CHOICE = "choice"
    CHANGE = "change"
    CONTACT = "contact"
    WHEN = "when"


class Concern(NamedTuple):
    """One understood concern: its code, whom it is about (self, family) and past or current."""

    code: str
    experiencer: str = "self"
    status: str = "current"


class PlaceInfo(TypedDict):
    """The town the person gave (never their exact position)."""

    name: str
    latitude: float
    longitude: float
    timezone: str
    country: str | None


@dataclass
class Wishes:
    """What the person asked for about the group, in their own words (never invented)."""

    approach: str | None = None  # secular, spiritual
    language: str | None = None  # a meeting language asked for
    time_of_day: str | None = None  # morning, afternoon, evening
    audience: list[str] = field(default_factory=list)  # women, men, lgbtq, young_adults ...
    days: list[str] = field(default_factory=list)
    medication: bool = False


@dataclass
class Search:
    """What the person is looking for so far: codes and choices only, never their words."""

    concerns: list[Concern] = field(default_factory=list)
    wishes: Wishes = field(default_factory=Wishes)
    format: str | None = None  # in_person, online, any
    place: PlaceInfo | None = None
    place_skipped: bool = False
    whom: str | None = None  # self, family; None when clear from the words or not asked yet
    whom_unclear: bool = False
    first_person: bool = False  # the person wrote of themself ("I", "me", ...)
    topics_offered: int = 0  # how often the topics were offered (their text alternates)
    listening: bool = False  # the last reply to the person's words was "I'm listening"
    replied: list[str] = field(default_factory=list)  # the questions answered with a button
    offset: int = 0
    shown: list[int] = field(default_factory=list)
    more: bool = False  # more suggestions after the shown ones
    chosen: int | None = None
    slots: list[list[str]] = field(default_factory=list)  # [start iso, end iso]
    planned: bool = False
    referral_focus: str | None = None  # the clinician's link: dual_diagnosis, family or a code
    prefilled: str | None = None  # the concern code the link filled in (the person may drop it)
    signals: list[str] = field(default_factory=list)  # safety signal codes seen (nlp: signals)
    answered: list[str] = field(default_factory=list)  # the signals the bot has said its word on

    @classmethod
    def of(cls, context: Context) -> Search:
        """The search stored in the chat's data (a new one when there is none)."""
        data = context.chat_data.get(SEARCH_KEY) if context.chat_data is not None else None
        return cls.from_dict(data) if isinstance(data, dict) else cls()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Search:
        """A search from its stored form (older stored versions too: `prefs` became `wishes`)."""
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        values["concerns"] = [Concern(*c) for c in data.get("concerns") or []]
        wishes = data.get("wishes") or data.get("prefs") or {}
        names = {f.name for f in fields(Wishes)}
        values["wishes"] = Wishes(**{k: v for k, v in wishes.items() if k in names})
        return cls(**values)

    def save(self, context: Context) -> None:
        """Store the search in the chat's data (persisted)."""
        if context.chat_data is not None:
            context.chat_data[SEARCH_KEY] = asdict(self)

    def to_request(self, *, timezone: str, speaks: str | None) -> MatchRequest:
        """What the directory's matcher needs (who it is about: the person's answer first)."""
        wishes = self.wishes
        return MatchRequest(
            concerns=tuple((c.code, self.whom or c.experiencer, c.status) for c in self.concerns),
            format=None if self.format == "any" else self.format,
            approach=wishes.approach,
            audience=tuple(wishes.audience),
            language=wishes.language,
            speaks=speaks,
            days=tuple(wishes.days),
            time_of_day=wishes.time_of_day,
            medication=wishes.medication,
            dual_diagnosis=self.referral_focus == "dual_diagnosis",
            young="minor" in self.signals,  # young people's groups first, not in school hours
            latitude=self.place["latitude"] if self.place else None,
            longitude=self.place["longitude"] if self.place else None,
            timezone=timezone,
        )


async def in_db(context: Context, work: Callable[[Session], T], *, long: bool = False) -> T:
    """Run `work(session)` in one transaction (commit or roll back), through `run_db` (long
    work, such as an import, through `run_db_long`, so it does not hold the event loop)."""

    def run() -> T:
        with session_scope(context.bot_data.engine) as session:
            return work(session)

    return await (run_db_long if long else run_db)(context.bot_data.engine, run)


async def person_of(update: Update, context: Context) -> Person:
    """The person of this private chat (created on first contact)."""
    return await with_person(update, context, lambda _, person: person)


async def with_person(update: Update, context: Context, work: Callable[[Session, Person], T]) -> T:
    """Run `work(session, person)` in one transaction with the person of this private chat
    (created on first contact): one database round trip where a step needs the person too."""
    chat_id = update.effective_chat.id if update.effective_chat else 0
    user = update.effective_user
    now = context.bot_data.clock.now()
    language = user.language_code if user else None

    def run(session: Session) -> T:
        person = get_or_create_person(session, chat_id, now=now, language_code=language, wake=False)
        return work(session, person)

    return await in_db(context, run)


def end(context: Context) -> int:
    """End the conversation: the search is let go (it lived in the chat's data, in memory and
    stored; a new search starts afresh). PTB's ConversationHandler forgets the state."""
    if context.chat_data is not None:
        context.chat_data.pop(SEARCH_KEY, None)
    return ConversationHandler.END


def text_of(update: Update) -> str:
    """The text or caption of the incoming message, or ""."""
    message = update.effective_message
    if message is None:
        return ""
    return (message.text or message.caption or "")[:MAX_TEXT]


async def parsed(update: Update, context: Context) -> ParseResult:
    """The parse of this update's text, computed once per update (cached, never persisted)."""
    cached = context.chat_data.get(PARSE_KEY) if context.chat_data is not None else None
    if cached and cached[0] == update.update_id:
        hit: ParseResult = cached[1]
        return hit
    text, parse = text_of(update), context.bot_data.parser.parse
    # A short text parses in well under a millisecond: a worker thread would cost more than it
    # saves (the parse holds the GIL). A long one goes to a thread so others are not held up.
    result: ParseResult = (
        parse(text) if len(text) <= INLINE_PARSE else await asyncio.to_thread(parse, text)
    )
    if context.chat_data is not None:
        context.chat_data[PARSE_KEY] = (update.update_id, result)
    return result


async def say(
    update: Update,
    context: Context,
    text: str,
    keyboard: InlineKeyboardMarkup | None = None,
) -> None:
    """Send an HTML message to this chat (placeholders must already be escaped)."""
    chat_id = update.effective_chat.id if update.effective_chat else 0
    await post_only(
        context.bot,
        "sendMessage",
        chat_id=chat_id,
        text=text,
        parse_mode=ParseMode.HTML,
        reply_markup=keyboard,
        link_preview_options=NO_PREVIEW,
    )


async def settle_button(update: Update) -> str:
    """Answer a button press (stops the spinner), remove its keyboard and return its data."""
    query = update.callback_query
    if query is None:
        return ""
    try:
        await query.answer()
        message = query.message
        if message is not None and getattr(message, "reply_markup", None):
            await post_only(
                query.get_bot(),
                "editMessageReplyMarkup",
                chat_id=message.chat.id,
                message_id=message.message_id,
            )
    except BadRequest as exc:  # an old query or message: the press itself still counts
        log.info("button not settled", extra={"error": type(exc).__name__})
    return query.data or ""


def esc(value: object) -> str:
    """Text escaped for Telegram's HTML parse mode."""
    return html.escape(str(value), quote=False)
