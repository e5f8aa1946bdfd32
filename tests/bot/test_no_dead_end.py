"""No dead end: with no group that fits, the person still gets the right fellowship's own finder."""

from __future__ import annotations

from sqlalchemy.engine import Engine
from sqlmodel import select

from bot import strings
from bot.db import session_scope
from directory import crud
from directory.models import Fellowship, Group
from tests.bot.conftest import Bot
from tests.bot.test_conversation import texts, to_concern


def keep_only(engine: Engine, *names: str) -> None:
    """The directory lists only groups of these fellowships (the others archived)."""
    with session_scope(engine) as session:
        kept = {f.id for f in session.exec(select(Fellowship)) if f.name in names}
        assert len(kept) == len(names)
        for group in session.exec(select(Group)).all():
            if group.fellowship_id not in kept:
                crud.archive_group(session, group=group)


async def test_a_wife_worried_about_gambling_gets_gam_anons_finder(
    bot: Bot, engine: Engine
) -> None:
    keep_only(engine, "Alcoholics Anonymous", "Gamblers Anonymous")
    await to_concern(bot)
    await bot.chat.send("My husband gambles away all our money and I don't know what to do")
    replies = await bot.chat.press("go on")
    seen = [texts(replies)]
    for _ in range(4):  # answer whatever is asked, until the groups or their absence
        if strings.ASK_CHANGE in texts(replies) or strings.SUGGESTIONS_PICK in texts(replies):
            break
        labels = replies[-1].labels
        if labels:
            replies = await bot.chat.press(labels[-1] if "Either" in labels[-1] else labels[0])
        else:
            replies = await bot.chat.send("Ann Arbor")
        seen.append(texts(replies))
    final = texts(replies)
    assert strings.NO_SUGGESTIONS in final, "\n---\n".join(seen)
    assert "Gam-Anon (for family and friends): https://www.gam-anon.org" in final
    assert "Gamblers Anonymous" not in final  # the family's group, not the gambler's
    assert replies[-1].labels  # and a way on


async def test_every_family_concern_has_a_family_fellowship_with_a_finder(
    engine: Engine, contact_group_id: int
) -> None:
    """Shipped data (seeded): the no-match answer always has somewhere to send a loved one."""
    with session_scope(engine) as session:
        fellowships = session.exec(select(Fellowship)).all()
    family_codes = {c for f in fellowships if f.for_family and f.website for c in f.concern_codes}
    assert {"alcohol", "gambling"} <= family_codes
