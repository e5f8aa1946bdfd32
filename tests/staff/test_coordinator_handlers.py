"""Coordinators through the real Application: the guided /addgroup with bad answers, a crisis in
the middle, /cancel, the one-message form, edits, archive/restore/verify, /history, paging,
forged buttons, import preview and apply, export, and the weekly digest."""

from __future__ import annotations

import json
import logging
import re
from datetime import timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from bot import strings
from bot.clock import FakeClock
from bot.db import session_scope
from bot.staff.models import AuditEntry, StaffRole
from bot.staff.roles import grant_role
from directory.models import Group, Meeting
from tests.staff.conftest import (
    ADMIN,
    CLINICIAN,
    COORDINATOR,
    NOW,
    STRANGER,
    Running,
    signed,
    texts,
)

ONLINE_FORM = (
    "/addgroup\nname: Tuesday Hope\nfellowship: AA\nformat: online\n"
    "url: https://zoom.example/j/1\ntimezone: Europe/London\nday: tue\nstart: 19:30"
)


def _groups(engine: Engine) -> list[Group]:
    with session_scope(engine) as session:
        return list(session.exec(select(Group).order_by(Group.id)))


def _audit(engine: Engine) -> list[AuditEntry]:
    with session_scope(engine) as session:
        return list(session.exec(select(AuditEntry).order_by(AuditEntry.id)))


async def _add_online(app: Running) -> int:
    chat = app.chat(COORDINATOR)
    await chat.send(ONLINE_FORM)
    saved = texts(await chat.press("Save"))
    assert saved.startswith("Saved as group "), saved
    return int(saved.split()[3].rstrip("."))


async def test_guided_flow_with_every_kind_of_bad_answer(app: Running, seeded: Engine) -> None:
    chat = app.chat(COORDINATOR)
    assert strings.ASK["name"] in texts(await chat.send("/addgroup"))
    assert texts(await chat.send("AA")).startswith("a name needs 3 to 200 characters")
    assert strings.ASK["fellowship"] in texts(await chat.send("Leeds Lunchtime"))
    assert "'XA' is not a fellowship" in texts(await chat.send("XA"))
    forged = texts(await chat.press_data(signed("add:fellowship:99999")))
    assert "'99999' is not a fellowship" in forged
    assert strings.ASK["format"] in texts(await chat.press("AA"))
    assert "'by post' is not a format" in texts(await chat.send("by post"))
    assert strings.ASK["place"] in texts(await chat.press("in person"))
    assert "I can't find 'Xyzzyville'" in texts(await chat.send("Xyzzyville"))
    assert strings.ASK["street"] in texts(await chat.send("Leeds, UK"))
    assert strings.ASK["weekday"] in texts(await chat.press("Skip"))
    stale = texts(
        await chat.press_data(signed("add:format:online"))
    )  # an old button: not this field
    assert stale == strings.BUTTON_EXPIRED
    assert "'someday' is not a day of the week" in texts(await chat.send("someday"))
    assert strings.ASK["start"] in texts(await chat.press("Fri"))
    assert texts(await chat.send("19:70")).startswith("19:70 is not a time; try 19:30")
    assert strings.ASK["end"] in texts(await chat.send("12:30"))
    assert "12:30 is when it starts" in texts(await chat.send("12:30"))
    assert strings.ASK["audience"] in texts(await chat.send("1:30 pm"))
    await chat.press("Women")
    await chat.press("Veterans")
    await chat.press("Veterans")  # toggled off again
    confirm = texts(await chat.press("Done"))
    assert "place: Leeds" in confirm and "start: 12:30" in confirm and "end: 13:30" in confirm
    assert "audience: women" in confirm and "veterans" not in confirm
    assert _groups(seeded) == []  # nothing before Save
    assert texts(await chat.send("ok")) == strings.USE_BUTTONS
    saved = texts(await chat.press("Save"))
    (group,) = _groups(seeded)
    assert saved == strings.SAVED.format(group_id=group.id)
    assert (group.city, group.timezone, group.audience) == ("Leeds", "Europe/London", ["women"])
    (entry,) = _audit(seeded)
    assert (entry.action, entry.actor_user_id, entry.group_id) == ("create", COORDINATOR, group.id)


async def test_a_crisis_in_the_middle_gets_crisis_lines_and_the_draft_waits(
    app: Running, seeded: Engine
) -> None:
    chat = app.chat(COORDINATOR)
    await chat.send("/addgroup")
    await chat.send("Evening Hope")
    crisis = texts(await chat.send("honestly I want to kill myself tonight"))
    assert "988" in crisis and strings.ASK["fellowship"] not in crisis
    assert "is not a fellowship" not in crisis  # not taken as an answer
    assert strings.ASK["format"] in texts(await chat.press("AA"))  # the flow goes on after


async def test_cancel_at_any_point_leaves_nothing(app: Running, seeded: Engine) -> None:
    chat = app.chat(COORDINATOR)
    await chat.send("/addgroup")
    await chat.send("Saturday Serenity")
    await chat.press("NA")
    assert texts(await chat.send("/cancel")) == strings.CANCELLED
    await chat.send(ONLINE_FORM)
    assert texts(await chat.press("Cancel")) == strings.CANCELLED
    assert _groups(seeded) == [] and _audit(seeded) == []


async def test_the_one_message_form(app: Running, seeded: Engine) -> None:
    chat = app.chat(COORDINATOR)
    bad = texts(await chat.send("/addgroup\nname: X Group\ncolour: blue\nstart: 25:00"))
    assert "line 2: 'colour' is not a field" in bad and "line 3: 25:00 is not a time" in bad
    missing = texts(await chat.send("/addgroup\nname: Half A Group\nformat: online"))
    assert "fellowship is missing" in missing and "needs a url or a phone" in missing
    assert _groups(seeded) == []
    group_id = await _add_online(app)
    (group,) = _groups(seeded)
    assert group.id == group_id and group.conference_url == "https://zoom.example/j/1"


async def test_edit_archive_restore_verify_and_history(
    app: Running, seeded: Engine, clock: FakeClock
) -> None:
    group_id = await _add_online(app)
    chat = app.chat(COORDINATOR)
    assert "name: Tuesday Hope" in texts(await chat.send(f"/editgroup {group_id}"))
    assert "19:70 is not a time" in texts(await chat.send("start: 19:70"))
    assert texts(await chat.send("start: 19:30")) == strings.EDIT_NO_CHANGE
    confirm = texts(await chat.send("start: 20:00\nname: Tuesday Hope Online"))
    assert (
        "start: 19:30 → 20:00" in confirm and "name: Tuesday Hope → Tuesday Hope Online" in confirm
    )
    assert texts(await chat.press("Save")) == strings.EDIT_SAVED.format(group_id=group_id)
    with session_scope(seeded) as session:
        (meeting,) = session.exec(select(Meeting).where(Meeting.group_id == group_id))
        assert f"{meeting.start:%H:%M}" == "20:00"
    assert texts(await chat.send("/editgroup 99999")) == strings.NO_GROUP.format(value=99999)
    await chat.send(f"/archivegroup {group_id}")
    assert texts(await chat.press("Archive")).startswith(f"Group {group_id} is archived.")
    assert _groups(seeded)[0].active is False
    assert "already archived" in texts(await chat.send(f"/archivegroup {group_id}"))
    assert "archived" in texts(await chat.send("/groups"))
    assert texts(await chat.send(f"/restoregroup {group_id}")).endswith("back in the directory.")
    clock.advance(timedelta(days=3))
    assert "marked as checked today (2026-12-04)" in texts(await chat.send(f"/verify {group_id}"))
    history = texts(await chat.send(f"/history {group_id}"))
    for action in ("verify", "restore", "archive", "update", "create"):
        assert f"· {action} by {COORDINATOR}" in history
    assert history.index("verify") < history.index("create")  # newest first
    assert "name: Tuesday Hope → Tuesday Hope Online" in history
    assert texts(await chat.send("/history")) == strings.ID_USAGE.format(command="history")


async def test_groups_pages_with_a_search(app: Running, seeded: Engine) -> None:
    chat = app.chat(COORDINATOR)
    for index in range(12):
        await chat.send(ONLINE_FORM.replace("Tuesday Hope", f"Hope {index:02d}"))
        await chat.press("Save")
    first = await chat.send("/groups hope")
    assert "Groups matching “hope” (1–10):" in texts(first) and "Hope 09" in texts(first)
    assert first[-1].labels == ["More"]
    second = texts(await chat.press("More"))
    assert "(11–12)" in second and "Hope 11" in second and "Hope 00" not in second
    assert texts(await chat.send("/groups nothing-like-this")) == strings.GROUPS_NONE


@pytest.mark.parametrize(
    "command",
    ["/addgroup", "/editgroup 1", "/import", "/export", "/groups", "/archivegroup 1",
     "/restoregroup 1", "/verify 1", "/history 1"],
)  # fmt: skip
async def test_coordinator_commands_are_refused_without_the_role(
    app: Running, command: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="bot.staff.tg")
    for outsider in (STRANGER, CLINICIAN):
        sent = await app.chat(outsider).send(command)
        assert texts(sent) == strings.REFUSED.format(role="coordinator")
        assert not any(s.content for s in sent)  # no export file either
    refusals = [r for r in caplog.records if r.message == "staff action refused"]
    assert [r.user_id for r in refusals] == [STRANGER, CLINICIAN]  # type: ignore[attr-defined]


async def test_forged_and_late_button_presses_are_refused(
    app: Running, seeded: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="bot.staff.tg")
    group_id = await _add_online(app)
    stranger = app.chat(STRANGER)
    reused = signed("groups:10").split(":")[1]  # a real signature on a changed payload
    for data in (f"st:AAAAAAAAAAAA:arch:{group_id}", f"st:{reused}:groups:20"):
        assert await stranger.press_data(data) == []  # an alert on the button, no message
    forged = [r for r in caplog.records if r.message == "staff button forged"]
    assert [r.user_id for r in forged] == [STRANGER, STRANGER]  # type: ignore[attr-defined]
    for data in (signed(f"arch:{group_id}"), signed("groups:10")):  # genuine data, wrong person
        sent = await stranger.press_data(data)
        assert not [s for s in sent if "Group" in s.text]
    refused = [r for r in caplog.records if r.message == "staff action refused"]
    assert [(r.user_id, r.action) for r in refused] == [  # type: ignore[attr-defined]
        (STRANGER, "archive"),
        (STRANGER, "page_groups"),
    ]
    for data in (f"st:arch:{group_id}", signed("add:save"), signed("imp:apply")):
        await stranger.press_data(data)  # unsigned, or outside a conversation of their own
    assert _groups(seeded)[0].active is True
    assert len(_audit(seeded)) == 1  # only the create
    coordinator = app.chat(COORDINATOR)
    await coordinator.send(f"/archivegroup {group_id}")
    await app.chat(ADMIN).send(f"/revoke {COORDINATOR}")  # revoked before pressing
    await coordinator.press("Archive")
    assert _groups(seeded)[0].active is True and len(_audit(seeded)) == 1


def _feed(*entries: dict[str, object]) -> bytes:
    return json.dumps(list(entries)).encode()


def _entry(slug: str, name: str, time: str = "19:00") -> dict[str, object]:
    return {
        "name": name, "slug": slug, "day": 2, "time": time, "timezone": "America/New_York",
        "conference_url": f"https://zoom.example/{slug}",
    }  # fmt: skip


async def test_import_preview_then_apply_and_a_bad_row_is_shown_skipped(
    app: Running, seeded: Engine
) -> None:
    chat = app.chat(COORDINATOR)
    assert texts(await chat.send("/import AA")) == strings.IMPORT_ASK
    assert texts(await chat.send("here it comes")) == strings.IMPORT_NOT_A_FILE
    assert "notes.txt is neither .json nor .csv" in texts(
        await chat.send_document("notes.txt", b"x")
    )
    bad = _feed(_entry("a", "Alpha Group"), _entry("b", "Beta Group", time="19:70"))
    skipped = await chat.send_document("city.json", bad)
    assert "• 1 new" in texts(skipped) and "• 1 rows skipped" in texts(skipped)
    assert "skipped row 2, time: '19:70' is not a time" in texts(skipped)
    assert skipped[-1].labels == ["Apply", "Cancel"]
    await chat.press("Cancel")
    assert _groups(seeded) == []
    await chat.send("/import AA")
    good = _feed(_entry("a", "Alpha Group"), _entry("b", "Beta Group"))
    preview = await chat.send_document("city.json", good)
    assert "• 2 new" in texts(preview) and preview[-1].labels == ["Apply", "Cancel"]
    assert _groups(seeded) == []  # a preview writes nothing
    applied = texts(await chat.press("Apply"))
    assert applied.startswith("Imported: 2 new, 0 updated, 0 unchanged, 0 archived")
    assert [g.name for g in _groups(seeded)] == ["Alpha Group", "Beta Group"]
    assert {e.action for e in _audit(seeded)} == {"import"}
    await chat.press("Apply")  # a second press of the old button applies nothing again
    assert len(_groups(seeded)) == 2 and len(_audit(seeded)) == 2


async def test_export_sends_the_directory_as_a_file(app: Running, seeded: Engine) -> None:
    await _add_online(app)
    sent = await app.chat(COORDINATOR).send("/export")
    (document,) = [s for s in sent if s.content]
    assert document.file_name == "firststep-directory.json"
    (entry,) = json.loads(document.content or b"")
    assert entry["name"] == "Tuesday Hope" and entry["time"] == "19:30" and entry["day"] == 2
    assert "1 active groups" in document.text
    csv_sent = await app.chat(COORDINATOR).send("/export csv")
    (csv_document,) = [s for s in csv_sent if s.content]
    assert csv_document.file_name == "firststep-directory.csv"
    assert b"Tuesday Hope" in (csv_document.content or b"")
    hsds_sent = await app.chat(COORDINATOR).send("/export hsds")
    (hsds_document,) = [s for s in hsds_sent if s.content]
    assert hsds_document.file_name == "firststep-directory-hsds.json"
    (service,) = json.loads(hsds_document.content or b"")["services"]
    assert service["name"] == "Tuesday Hope" and service["schedules"][0]["byday"] == "TU"


async def test_weekly_digest_lists_groups_not_checked_for_90_days(
    app: Running, seeded: Engine, clock: FakeClock
) -> None:
    group_id = await _add_online(app)
    (job,) = app.application.job_queue.get_jobs_by_name("staff_digest")
    before = len(app.api.sent)
    await job.run(app.application)
    assert len(app.api.sent) == before  # checked today: nothing to say
    clock.advance(timedelta(days=91))
    await job.run(app.application)
    (digest,) = app.api.sent[before:]
    assert digest.chat_id == COORDINATOR
    assert "1 group(s) have not been checked for 90 days" in digest.plain
    assert (
        f"{group_id} · Tuesday Hope" in digest.plain and "last checked 01 Dec 2026" in digest.plain
    )


async def test_a_role_revoked_mid_flow_stops_save_and_apply(app: Running, seeded: Engine) -> None:
    other = 2001
    with session_scope(seeded) as session:
        grant_role(session, user_id=other, role=StaffRole.coordinator, granted_by=ADMIN, now=NOW)
    saving, importing, admin = app.chat(COORDINATOR), app.chat(other), app.chat(ADMIN)
    await saving.send(ONLINE_FORM)
    await importing.send("/import AA")
    await importing.send_document("city.json", _feed(_entry("a", "Alpha Group")))
    for user_id in (COORDINATOR, other):
        await admin.send(f"/revoke {user_id}")
    calls = len(app.api.calls)
    await saving.press("Save")
    await importing.press("Apply")
    assert _groups(seeded) == [] and _audit(seeded) == []
    assert app.api.calls[calls:].count("answercallbackquery") == 2  # refused on the press
    assert not [s for s in app.api.sent if s.text.startswith(("Saved", "Imported"))]


async def test_long_answers_stay_within_one_telegram_message(app: Running, seeded: Engine) -> None:
    chat = app.chat(COORDINATOR)
    form = "/addgroup\n" + "\n".join(f"c{i}: x" for i in range(200))
    (reply,) = await chat.send(form)
    assert len(reply.text) < 4096 and reply.text.count("is not a field") < 200
    assert re.search(r"… and \d+ more not shown\.", reply.plain)
    group_id = await _add_online(app)
    for index in range(24):  # each edit changes many fields, each shown before → after
        minute = 10 + index
        await chat.send(
            f"/editgroup {group_id}\nname: {'Long Name ' * 15}{index}\nstart: 18:{minute}\n"
            f"end: 21:{minute}\nurl: https://zoom.example/{'x' * 40}/{index}\n"
            f"phone: +1 555 000 {1000 + index}\naudience: {('women', 'men')[index % 2]}"
        )
        await chat.press("Save")
    (history,) = await chat.send(f"/history {group_id}")
    assert len(history.text) < 4096 and "more not shown" in history.plain


async def test_guided_online_branch_checks_link_and_time_zone(app: Running, seeded: Engine) -> None:
    chat = app.chat(COORDINATOR)
    await chat.send("/addgroup")
    await chat.send("Online Hope Circle")
    await chat.press("SMART")
    assert strings.ASK["url"] in texts(await chat.press("online"))
    assert "'zoom me' is not a link" in texts(await chat.send("zoom me"))
    assert strings.ASK["timezone"] in texts(await chat.send("https://meet.example/hope"))
    assert "'Mars/Olympus' is not a time zone" in texts(await chat.send("Mars/Olympus"))
    assert "'EST' is too vague" in texts(await chat.send("EST"))
    assert strings.ASK["weekday"] in texts(await chat.send("Europe/Dublin"))
    await chat.press("Sun")
    await chat.send("7 pm")
    await chat.press("Skip")
    confirm = texts(await chat.press("Anyone"))
    assert "timezone: Europe/Dublin" in confirm and "start: 19:00" in confirm
    assert "place:" not in confirm  # an online group has no place
    await chat.press("Save")
    (group,) = _groups(seeded)
    assert (group.format, group.conference_url) == ("online", "https://meet.example/hope")


async def test_a_csv_preview_in_chat_promises_what_apply_does(app: Running, seeded: Engine) -> None:
    from tests.directory.test_preview_matches_apply import odd_csv

    chat = app.chat(COORDINATOR)
    await chat.send("/import AA")
    preview = texts(await chat.send_document("odd.csv", odd_csv().encode()))
    assert "• 5 new" in preview and "• 2 rows skipped" in preview
    assert "skipped row 4, conference_url: an online group needs a link or a phone number" in (
        preview
    )
    assert "dropped row 5, conference_phone: longer than 64 characters" in preview
    assert "dropped row 6, conference_url: 'javascript:" in preview
    applied = texts(await chat.press("Apply"))
    assert applied == strings.IMPORT_APPLIED.format(
        created=5, updated=0, unchanged=0, archived=0, errors=2
    )
    countries = {g.source_id: g.country for g in _groups(seeded)}
    assert countries["usa"] == "US" and len(countries) == 5
