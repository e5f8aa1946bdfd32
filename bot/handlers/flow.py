"""The search conversation, declared: one table of steps (``STEPS``), everything else derived.

Each step is a ``Question``: the state it waits in, its prompt (a text of ``bot.strings``), its
buttons, how an answer (a button or typed text) is read and applied to the typed ``Search``, and,
for the questions asked on the way to the suggestions, when it is needed (a predicate on the
search). From the table come the ConversationHandler's states (``conversation_states``), what
to ask next (``ask_next``: the first needed question, in table order), the re-prompt after a
stray message (``repeat_question``) and the button patterns (``"<state>:<value>"``).

Adding a question is one ``Question`` entry (in the place it should be asked) with its state
in ``Await``, its words in ``bot.strings`` and a test. A question whose answers may leave the
search as it was ("either is fine") can read ``search.replied`` in ``needed``.

The plug points ``BEFORE_SUGGESTIONS`` and ``AFTER_CHOICE`` (``bot.handlers.hooks``) are
re-exported here, their documented home. Imports go one way: flow -> search, suggest -> common,
hooks -> directory.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, ConversationHandler, MessageHandler
from telegram.ext import filters as tg_filters

import i18n
from bot import keyboards, strings
from bot.handler_groups import Group
from bot.handlers import search as words
from bot.handlers import suggest
from bot.handlers.common import (
    Await,
    Concern,
    Search,
    esc,
    in_db,
    say,
    settle_button,
)
from bot.handlers.hooks import (
    AFTER_CHOICE,
    BEFORE_SUGGESTIONS,
    AfterChoice,
    BeforeSuggestions,
    after_choice,
    before_suggestions,
)
from bot.services import Context
from directory.models import Fellowship

__all__ = [
    "AFTER_CHOICE",
    "BEFORE_SUGGESTIONS",
    "STEPS",
    "AfterChoice",
    "BeforeSuggestions",
    "Choice",
    "Question",
    "after_choice",
    "ask_next",
    "before_suggestions",
    "conversation_states",
    "current_state",
    "current_step",
    "left_over",
    "repeat_question",
]

log = logging.getLogger(__name__)
CONVERSATION = "search"  # the ConversationHandler's name (its stored states are under it)
TEXT = tg_filters.TEXT & ~tg_filters.COMMAND
# "Not sure": the topics the general peer-support fellowships of the starter data serve (NAMI
# Connection, Emotions Anonymous, Recovery International: any emotional struggle).
GENERAL_CODES = ("depression", "anxiety")
NOT_SURE = "unsure"

Handler = Callable[[Update, Context], Coroutine[Any, Any, object]]
Reader = Callable[[Update, Context, Search], Awaitable[bool]]


@dataclass(frozen=True)
class Choice:
    """One button of a question: its value (the data is ``"<state>:<value>"``), its label (a
    name in ``bot.strings`` or a function giving the text), what it does to the search (then
    ``ask_next``) or, for more than that, its own handler, and when it is shown (always when
    ``shown`` is None)."""

    value: str
    label: str | Callable[[], str]
    apply: Callable[[Search], None] | None = None
    shown: Callable[[Search], bool] | None = None
    handler: Handler | None = None

    def text(self) -> str:
        """The button's label in the current locale."""
        return str(getattr(strings, self.label)) if isinstance(self.label, str) else self.label()


@dataclass(frozen=True)
class Question:
    """One step of the conversation (see the module's docstring)."""

    state: Await
    prompt: str | Callable[[Search], str]  # a name in bot.strings, or a function of the search
    needed: Callable[[Search], bool] | None = None  # asked by ask_next when true (else led to)
    choices: tuple[Choice, ...] = ()  # buttons applied to the search, then ask_next
    read_text: Reader | None = None  # typed answer: applied (then ask_next) or said why not
    read_location: Reader | None = None  # a shared location, likewise
    columns: int = 2
    part_of: Await | None = None  # the step it belongs to (screening asks once per step)
    # Steps past the simple questions: their own keyboard and handlers.
    keyboard: Callable[[Search], InlineKeyboardMarkup | None] | None = None
    buttons: tuple[tuple[str, Handler], ...] = ()  # (value regex, handler)
    on_text: Handler | None = None
    extra: Callable[[], list[BaseHandler[Any, Any, Any]]] | None = None

    def text(self, search: Search) -> str:
        """The prompt in the current locale."""
        if isinstance(self.prompt, str):
            return str(getattr(strings, self.prompt))
        return self.prompt(search)

    def markup(self, search: Search) -> InlineKeyboardMarkup | None:
        """The buttons under the prompt (None when there are none)."""
        if self.keyboard is not None:
            return self.keyboard(search)
        shown = [c for c in self.choices if c.shown is None or c.shown(search)]
        if not shown:
            return None
        rows = [shown[i : i + self.columns] for i in range(0, len(shown), self.columns)]
        return InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(
                        c.text(), callback_data=keyboards.data(self.state, c.value)
                    )
                    for c in row
                ]
                for row in rows
            ]
        )


# --------------------------------------------------------------------------- what answers do


def _set(name: str, value: object) -> Callable[[Search], None]:
    def apply(search: Search) -> None:
        setattr(search, name, value)

    return apply


def _topic(code: str) -> Callable[[Search], None]:
    def apply(search: Search) -> None:
        search.concerns = [Concern(code)]
        search.whom_unclear = not search.first_person and search.whom is None

    return apply


def _topic_label(code: str) -> Callable[[], str]:
    return lambda: strings.TOPIC_NAMES.get(code, code).capitalize()


def _topic_prompt(search: Search) -> str:
    """Never the same screen twice in a row: the second offer (and every other) reads anew."""
    return strings.ASK_TOPIC if search.topics_offered % 2 == 1 else strings.ASK_TOPIC_AGAIN


def _place_prompt(search: Search) -> str:
    return strings.ASK_PLACE_ONLINE if search.format == "online" else strings.ASK_PLACE


def _when_keyboard(search: Search) -> InlineKeyboardMarkup | None:
    starts = [datetime.fromisoformat(start) for start, _ in search.slots]
    return keyboards.when([(s, suggest.when_text(s)) for s in starts]) if starts else None


# --------------------------------------------------------------------------- custom steps


async def take_words(update: Update, context: Context) -> object:
    """The person's own words (while describing, or instead of a topic button): what was
    understood, or, when nothing was, a gentle choice of topics."""
    state = await words.take_concern(update, context)
    return state if state is not None else await offer_topics(update, context)


async def listen(update: Update, context: Context) -> object:
    """Text outside a conversation: a new search (or the welcome), as ``search.listen``."""
    state = await words.listen(update, context)
    return state if state is not None else await offer_topics(update, context)


async def consent(update: Update, context: Context) -> object:
    """The welcome's button: what is going on is asked; words written before the button are
    answered as if written after it (nothing understood: the topics)."""
    state = await words.consent(update, context)
    return state if state is not None else await offer_topics(update, context)


async def offer_topics(update: Update, context: Context) -> Await:
    """Nothing understood: the topics as buttons, and "not sure" (never the same screen twice)."""
    search = Search.of(context)
    search.topics_offered += 1
    return await ask(update, context, STEP[Await.TOPIC], search)


async def not_sure(update: Update, context: Context) -> object:
    """ "Not sure": groups open to anyone going through a hard time (from the directory)."""
    await settle_button(update)
    search = Search.of(context)
    search.concerns = [Concern(code) for code in GENERAL_CODES]
    search.whom_unclear = False
    names = await in_db(context, general_fellowships)
    await say(update, context, strings.GENERAL_SUPPORT.format(names=esc(", ".join(names))))
    return await ask_next(update, context, search)


def general_fellowships(session: Session) -> list[str]:
    """Names of the peer-support fellowships for any emotional struggle: for the person
    themself, serving every one of GENERAL_CODES and no substance or other single problem."""
    found = session.exec(select(Fellowship).order_by(col(Fellowship.id))).all()
    return [
        i18n.gettext(f.name)
        for f in found
        if not f.for_family and set(GENERAL_CODES) <= set(f.concern_codes)
        if set(f.concern_codes) <= {*GENERAL_CODES, "bipolar", "psychosis", "trauma"}
    ]


async def finish_concern(update: Update, context: Context) -> object:
    """Done describing: ask what is still missing, or suggest groups."""
    await settle_button(update)
    search = Search.of(context)
    if not search.concerns:
        await say(update, context, strings.ASK_CONCERN_AGAIN)
        return Await.CONCERN
    return await ask_next(update, context, search)


async def choose(update: Update, context: Context) -> object:
    """One of the shown groups (a button of an older list: said so, and where we are)."""
    value = update.callback_query.data if update.callback_query else ""
    if int((value or ":0").split(":", 1)[1]) not in Search.of(context).shown:
        await nudge_stale(update, context)
        return None  # the conversation stays where it is
    return await suggest.choose(update, context)


async def ask_change(update: Update, context: Context) -> object:
    """What would the person like to change?"""
    await settle_button(update)
    return await ask(update, context, STEP[Await.CHANGE], Search.of(context))


async def change(update: Update, context: Context) -> object:
    """Forget one answer and ask it again (a new topic: the words again)."""
    data = await settle_button(update)
    search, what = Search.of(context), data.split(":", 1)[1]
    if what == "topic":
        kept = Search(format=search.format, place=search.place)
        kept.referral_focus = search.referral_focus
        kept.save(context)
        await say(update, context, strings.ASK_CONCERN_AGAIN)
        return Await.CONCERN
    if what == "format":
        search.format = None
    else:
        search.place, search.place_skipped = None, False
    return await ask_next(update, context, search)


# --------------------------------------------------------------------------- the table

_TOPICS = tuple(Choice(code, _topic_label(code), _topic(code)) for code in strings.TOPIC_NAMES)

STEPS: tuple[Question, ...] = (
    Question(
        Await.CONSENT,
        "WELCOME",
        keyboard=lambda _: keyboards.consent(),
        buttons=(("yes", consent), ("no", words.decline)),
        on_text=words.before_consent,
    ),
    Question(
        Await.CONCERN,
        "ASK_CONCERN_AGAIN",
        keyboard=lambda _: None,
        buttons=(("done", finish_concern), ("drop", words.drop_prefilled)),
        on_text=take_words,
    ),
    Question(
        Await.TOPIC,
        _topic_prompt,
        part_of=Await.CONCERN,  # still describing what's going on
        choices=(*_TOPICS, Choice(NOT_SURE, "TOPIC_NOT_SURE", handler=not_sure)),
        on_text=take_words,
    ),
    Question(
        Await.FORMAT,
        "ASK_FORMAT",
        needed=lambda s: s.format is None,
        choices=(
            Choice("in_person", "FORMAT_IN_PERSON", _set("format", "in_person")),
            Choice("online", "FORMAT_ONLINE", _set("format", "online")),
            Choice("any", "FORMAT_EITHER", _set("format", "any")),
        ),
    ),
    Question(
        Await.PLACE,
        _place_prompt,
        needed=lambda s: s.place is None and not s.place_skipped,
        choices=(
            Choice(
                "skip",
                "SKIP_PLACE_BUTTON",
                _set("place_skipped", True),
                shown=lambda s: s.format == "online",
            ),
        ),
        read_text=words.read_place,
        read_location=words.read_location,
    ),
    Question(
        Await.WHOM,
        "ASK_WHOM",
        needed=lambda s: s.whom_unclear and s.whom is None,
        choices=(
            Choice("self", "WHOM_SELF", _set("whom", "self")),
            Choice("family", "WHOM_FAMILY", _set("whom", "family")),
        ),
    ),
    Question(
        Await.AUDIENCE,
        "ASK_AUDIENCE",
        needed=lambda s: (
            any(c.code == "trauma" for c in s.concerns)
            and not {"women", "men"} & set(s.wishes.audience)
            and Await.AUDIENCE not in s.replied
        ),
        choices=(
            Choice("women", "AUDIENCE_WOMEN", lambda s: s.wishes.audience.append("women")),
            Choice("men", "AUDIENCE_MEN", lambda s: s.wishes.audience.append("men")),
            Choice("any", "AUDIENCE_ANY", lambda s: None),
        ),
    ),
    Question(
        Await.CHOICE,
        "SUGGESTIONS_PICK",
        keyboard=lambda s: keyboards.suggestions(s.shown, more=s.more),
        buttons=((r"\d+", choose), ("more", suggest.show_more), ("change", ask_change)),
    ),
    Question(
        Await.CHANGE,
        "ASK_CHANGE",
        keyboard=lambda _: keyboards.changes(),
        buttons=(("format|place|topic", change),),
    ),
    Question(
        Await.CONTACT,
        "ASK_CONTACT",
        keyboard=lambda _: keyboards.contact(),
        buttons=(("yes|no", suggest.take_contact),),
    ),
    Question(
        Await.WHEN,
        "ASK_WHEN",
        keyboard=_when_keyboard,
        buttons=((r"\d+|none", suggest.take_when),),
    ),
)
STEP = {q.state: q for q in STEPS}


# --------------------------------------------------------------------------- derived


async def ask(update: Update, context: Context, question: Question, search: Search) -> Await:
    """Ask one question (the search saved first: its prompt may read it)."""
    search.save(context)
    await say(update, context, question.text(search), question.markup(search))
    return question.state


def _settle_who(search: Search) -> None:
    if search.whom_unclear and search.whom is None and search.referral_focus == "family":
        search.whom = "family"  # the link was for someone close; their own words would have said


async def ask_next(update: Update, context: Context, search: Search) -> Await | int:
    """Ask the first needed question of the table; when none is, show suggestions."""
    _settle_who(search)
    for question in STEPS:
        if question.needed is not None and question.needed(search):
            return await ask(update, context, question, search)
    search.offset = 0
    search.save(context)
    return await suggest.suggest(update, context, search)


def _take_choice(question: Question) -> Handler:
    async def take(update: Update, context: Context) -> object:
        value = (await settle_button(update)).split(":", 1)[-1]
        search = Search.of(context)
        for choice in question.choices:
            if choice.value == value and choice.apply is not None:
                choice.apply(search)
        if question.state not in search.replied:  # for `needed`: "either" is an answer too
            search.replied.append(question.state)
        return await ask_next(update, context, search)

    take.__qualname__ = f"take_{question.state}"
    return take


def _take_read(question: Question, reader: Reader) -> Handler:
    async def take(update: Update, context: Context) -> object:
        search = Search.of(context)
        if not await reader(update, context, search):
            return question.state  # said why; the question still stands
        return await ask_next(update, context, search)

    take.__qualname__ = f"read_{question.state}"
    return take


def _pattern(state: Await, values: Sequence[str]) -> str:
    return rf"^{re.escape(keyboards.data(state, ''))}({'|'.join(values)})$"


def conversation_states() -> dict[object, list[BaseHandler[Any, Any, Any]]]:
    """The ConversationHandler's states, each with the handlers its step's answers need."""
    states: dict[object, list[BaseHandler[Any, Any, Any]]] = {}
    for q in STEPS:
        handlers: list[BaseHandler[Any, Any, Any]] = []
        if q.on_text is not None:
            handlers.append(MessageHandler(TEXT, q.on_text))
        elif q.read_text is not None:
            handlers.append(MessageHandler(TEXT, _take_read(q, q.read_text)))
        if q.read_location is not None:
            handlers.append(MessageHandler(tg_filters.LOCATION, _take_read(q, q.read_location)))
        applied = [re.escape(c.value) for c in q.choices if c.handler is None]
        if applied:
            pattern = _pattern(q.state, applied)
            handlers.append(CallbackQueryHandler(_take_choice(q), pattern=pattern))
        for choice in q.choices:
            if choice.handler is not None:
                pattern = _pattern(q.state, [re.escape(choice.value)])
                handlers.append(CallbackQueryHandler(choice.handler, pattern=pattern))
        for regex, handler in q.buttons:
            handlers.append(CallbackQueryHandler(handler, pattern=_pattern(q.state, [regex])))
        handlers.extend(q.extra() if q.extra else [])
        states[q.state] = handlers
    return states


def _stored_state(update: Update, context: Context) -> object:
    """The state this chat's conversation is in, as PTB's ConversationHandler keeps it (its one
    home; None outside one). PTB has no getter for one conversation's state; its public
    ``check_update`` determines "in which state the conversation currently is" and gives it
    first (PTB 22.x, pinned in pyproject)."""
    for handler in context.application.handlers.get(Group.CONVERSATION, []):
        if isinstance(handler, ConversationHandler) and handler.name == CONVERSATION:
            checked = handler.check_update(update)
            return checked[0] if isinstance(checked, tuple) else None
    return None


def current_state(update: Update, context: Context) -> Await | None:
    """The step this chat's conversation is at (None outside one, or in a step this version no
    longer has)."""
    state = _stored_state(update, context)
    return Await(str(state)) if state in Await._value2member_map_ else None


def left_over(update: Update, context: Context) -> bool:
    """Whether the conversation waits in a state this version no longer has (stored by an older
    version, e.g. "calendar"). PTB keeps such a state and hands every update to the fallbacks;
    the nudges then end it and read the update as if no conversation were under way."""
    state = _stored_state(update, context)
    return state is not None and state not in STEP


def current_step(update: Update, context: Context) -> str:
    """The step the chat is at, as the screening question counts them ("idle" outside one)."""
    state = current_state(update, context)
    question = STEP.get(state) if state is not None else None
    return str((question.part_of or question.state) if question else "idle")


async def repeat_question(update: Update, context: Context) -> int | None:
    """Ask again what the bot is waiting for, with its buttons; outside a conversation (or in
    a left-over state of an older version, which this ends) how to start."""
    state = current_state(update, context)
    question = STEP.get(state) if state is not None else None
    if question is None:
        await say(update, context, strings.NUDGE_IDLE)
        return ConversationHandler.END  # a fallback's END ends a left-over state
    search = Search.of(context)
    await say(update, context, question.text(search), question.markup(search))
    return None


async def nudge_stale(update: Update, context: Context) -> int | None:
    """A button from an earlier message (or from before a restart): say so and show where we are."""
    query = update.callback_query
    if query is not None:
        await query.answer()
    log.info(
        "stale button",
        extra={"chat_id": update.effective_chat.id if update.effective_chat else None},
    )
    await say(update, context, strings.NUDGE_STALE)
    return await repeat_question(update, context)
