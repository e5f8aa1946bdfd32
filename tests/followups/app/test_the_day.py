"""The day itself (issue 15), through the real Application and its JobQueue: the reminder's
neutral first line and its "where and when" button; the "I didn't make it" branch fits the
meeting's format, and every choice ends in a plan or a clear step."""

from __future__ import annotations

from datetime import time
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot import strings
from bot.clock import FakeClock
from bot.console import Sent
from bot.db import session_scope
from bot.followups.models import Plan
from bot.settings import Settings
from tests.followups.app.test_app import due_times, event_kinds, fire, plan_next_meeting

ONLINE_URL = "https://example.org/join-thursday"
DIAL_IN = "+1 555 0100"


def add_group(engine: Engine, name: str, **fields: Any) -> int:
    """An AA group of our own, meeting Thursdays 18:00-19:00 (Detroit)."""
    from directory import crud
    from directory.models import GroupCreate, MeetingCreate

    with session_scope(engine) as session:
        aa = crud.get_fellowship(session, name="Alcoholics Anonymous")
        assert aa is not None and aa.id is not None
        group = crud.create_group(
            session,
            data=GroupCreate(
                fellowship_id=aa.id, name=name, timezone="America/Detroit", is_sample=True,
                source="test", **fields,
            ),
            meetings=[MeetingCreate(weekday=3, start=time(18), end=time(19))],
        )  # fmt: skip
        assert group.id is not None
        return group.id


def online_group(engine: Engine) -> int:
    """An online-only group with a link and a dial-in number."""
    return add_group(
        engine, "Thursday Online Circle", format="online", conference_url=ONLINE_URL,
        conference_phone=DIAL_IN,
    )  # fmt: skip


def room_group(engine: Engine) -> int:
    """An in-person group with no newcomer contact."""
    return add_group(
        engine, "Thursday Basement Group", format="in_person", location_name="St Mary's Hall",
        street="12 Main St", city="Ypsilanti", state="MI", latitude=42.2411, longitude=-83.613,
    )  # fmt: skip


async def reminder_of(bot: Any, engine: Engine, settings: Settings, clock: FakeClock,
                      group_id: int) -> Sent:  # fmt: skip
    """Plan the group's next meeting and let the reminder go out through the job."""
    plan_next_meeting(engine, settings, clock, group_id)
    await fire(bot.application, clock, due_times(engine)["reminder"])
    return bot.api.sent[-1]


async def how_did_it_go(bot: Any, engine: Engine, settings: Settings, clock: FakeClock,
                        group_id: int) -> None:  # fmt: skip
    """... then the "How did it go?" after the meeting."""
    await reminder_of(bot, engine, settings, clock, group_id)
    await fire(bot.application, clock, due_times(engine)["followup"])
    assert bot.api.sent[-1].text.splitlines()[0] == strings.FOLLOWUP_PREVIEW


# ---- the reminder ---------------------------------------------------------------------------


async def test_the_reminder_names_nothing_and_shows_where_and_when_on_request(
    bot: Any, engine: Engine, settings: Settings, clock: FakeClock, contact_group_id: int
) -> None:
    reminder = await reminder_of(bot, engine, settings, clock, contact_group_id)
    assert reminder.text.splitlines()[0] == strings.REMINDER_PREVIEW
    for secret in ("Newcomers", "Library", "AA", "pat_welcomes"):
        assert secret not in reminder.text  # nothing names the group, even below the preview
    assert reminder.labels == [strings.BUTTON_WHERE_WHEN]
    (where,) = await bot.chat.press(strings.BUTTON_WHERE_WHEN)
    assert where.parse_mode is None  # plain text: the directory's words are shown as they are
    lines = where.text.splitlines()
    assert lines[0] == "Wednesday Newcomers Welcome (AA)"
    assert "When: Wednesday 02 December, 18:00 to 19:00" in lines
    assert "Where: Sample Library <Room 2>, Ann Arbor, MI" in lines
    assert (
        "Map: https://www.openstreetmap.org/?mlat=42.28080&mlon=-83.74300#map=17/42.28080/-83.74300"
        in lines
    )
    assert any("@pat_welcomes" in line for line in lines)  # the volunteer agreed to be reached
    with Session(engine) as session:
        (plan,) = session.exec(select(Plan)).all()
    assert plan.outcome is None  # asking where is not an answer to "how did it go"
    assert [k for k, _ in event_kinds(engine)] == ["planned", "reminded", "contact_shared"]


async def test_an_online_meetings_reminder_gives_the_link_and_the_dial_in(
    bot: Any, engine: Engine, settings: Settings, clock: FakeClock
) -> None:
    reminder = await reminder_of(bot, engine, settings, clock, online_group(engine))
    assert ONLINE_URL not in reminder.text and "Circle" not in reminder.text
    (where,) = await bot.chat.press(strings.BUTTON_WHERE_WHEN)
    assert where.plain.splitlines()[0] == "Thursday Online Circle (AA)"
    assert f"Join online: {ONLINE_URL}" in where.plain
    assert f"Join by phone: {DIAL_IN}" in where.plain
    assert "Map:" not in where.plain and "Where:" not in where.plain


async def test_a_group_known_only_by_its_coordinates_gets_a_map_pin(
    bot: Any, engine: Engine, settings: Settings, clock: FakeClock
) -> None:
    group_id = add_group(engine, "Park Group", latitude=42.25, longitude=-83.62)
    await reminder_of(bot, engine, settings, clock, group_id)
    (where,) = await bot.chat.press(strings.BUTTON_WHERE_WHEN)
    assert "Where:" not in where.text and where.parse_mode is None
    assert "Map: https://www.openstreetmap.org/?mlat=42.25000&mlon=-83.62000" in where.text


# ---- "I didn't make it" ---------------------------------------------------------------------


async def test_a_missed_online_meeting_offers_online_things_and_ends_in_a_plan(
    bot: Any, engine: Engine, settings: Settings, clock: FakeClock
) -> None:
    await how_did_it_go(bot, engine, settings, clock, online_group(engine))
    (why,) = await bot.chat.press(strings.BUTTON_DID_NOT_GO)
    assert why.labels == list(strings.REASONS_ONLINE.values())
    assert strings.REASONS["travel"] not in why.labels  # no "getting there" to a link
    (options,) = await bot.chat.press(strings.REASONS_ONLINE["nerves"])
    assert "door" not in options.plain and "camera" in options.plain
    assert options.labels == [
        strings.BUTTON_NEXT_ONLINE,
        strings.BUTTON_OTHER_ONLINE,
        strings.BUTTON_NO_THANKS,
    ]
    (others,) = await bot.chat.press(strings.BUTTON_OTHER_ONLINE)
    assert others.text.startswith(strings.ONLINE_INTRO) and others.labels
    (planned,) = await bot.chat.press(others.labels[0])
    assert planned.text.startswith("Planned:")


async def test_a_missed_meeting_in_a_room_offers_the_volunteer_only_where_one_agreed(
    bot: Any, engine: Engine, settings: Settings, clock: FakeClock
) -> None:
    await how_did_it_go(bot, engine, settings, clock, room_group(engine))
    (why,) = await bot.chat.press(strings.BUTTON_DID_NOT_GO)
    assert why.labels == list(strings.REASONS.values())
    (options,) = await bot.chat.press(strings.REASONS["travel"])
    assert options.labels == [
        strings.BUTTON_SAME_GROUP,
        strings.BUTTON_ONLINE,
        strings.BUTTON_NO_THANKS,
    ]  # no "someone to meet me there": nobody agreed to be contacted


async def test_the_newcomer_contact_leads_on_to_a_plan(
    bot: Any, engine: Engine, settings: Settings, clock: FakeClock, contact_group_id: int
) -> None:
    await how_did_it_go(bot, engine, settings, clock, contact_group_id)
    await bot.chat.press(strings.BUTTON_DID_NOT_GO)
    (options,) = await bot.chat.press(strings.REASONS["nerves"])
    assert strings.BUTTON_CONTACT in options.labels
    (contact,) = await bot.chat.press(strings.BUTTON_CONTACT)
    assert "@pat_welcomes" in contact.plain
    assert contact.labels == [strings.BUTTON_PLAN_NEXT, strings.BUTTON_NO_THANKS]
    (meetings,) = await bot.chat.press(strings.BUTTON_PLAN_NEXT)
    (planned,) = await bot.chat.press(meetings.labels[0])
    assert planned.text.startswith("Planned:")


TERMINAL = ("Planned:", strings.NO_THANKS)


async def walk(bot: Any, message: Sent, depth: int, seen: list[str]) -> None:
    """Press every button below a message; each path must end in a plan or a clear step."""
    if not message.buttons:
        assert message.plain.startswith(TERMINAL), (seen, message.plain)
        return
    assert depth > 0, seen
    for label, data in [b for row in message.buttons for b in row]:
        replies = await bot.chat.press_data(data, message)
        assert replies, (seen, label)
        await walk(bot, replies[-1], depth - 1, [*seen, label])


async def test_every_choice_after_a_missed_meeting_ends_in_a_plan_or_a_clear_step(
    bot: Any, engine: Engine, settings: Settings, clock: FakeClock, contact_group_id: int
) -> None:
    online, room = online_group(engine), room_group(engine)
    for number, group_id in enumerate((online, room, contact_group_id)):
        if number:
            await bot.chat.send("/forget")
            await bot.chat.press_data("forget:yes")
        await how_did_it_go(bot, engine, settings, clock, group_id)
        (why,) = await bot.chat.press(strings.BUTTON_DID_NOT_GO)
        for label, data in [b for row in why.buttons for b in row]:
            (options,) = await bot.chat.press_data(data, why)
            await walk(bot, options, depth=3, seen=[label])
