"""Clinicians' referral links and the attribution of a person who arrived through one."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from bot.settings import Settings
from bot.staff.models import Referral, ReferralLink, StaffRole
from bot.staff.roles import display_name_of, has_role
from nlp.result import CONCERN_CODES

REFERRAL_PREFIX = "ref_"
_CODE_BYTES = 9  # 12 url-safe characters
FOCUSES: tuple[str, ...] = ("dual_diagnosis", "family", *CONCERN_CODES)
_FOCUS_ALIASES = {"dual": "dual_diagnosis", "dd": "dual_diagnosis", "families": "family"}


@dataclass(frozen=True)
class ReferralView:
    """A person's referral as /mydata shows it: whose link, its focus, their sharing answer."""

    clinician: str | None  # the clinician's display name, if they gave one
    focus: str | None
    consent: bool | None  # None: not answered yet


class FocusError(ValueError):
    """A focus that firststep does not know; the message lists the ones it does."""


def parse_focus(text: str | None) -> str | None:
    """A focus code from what a clinician typed ("dual diagnosis" gives dual_diagnosis)."""
    if text is None or not text.strip():
        return None
    key = "_".join(text.strip().lower().replace("-", " ").split())
    key = _FOCUS_ALIASES.get(key, key)
    if key not in FOCUSES:
        known = ", ".join(FOCUSES)
        raise FocusError(f"{text.strip()!r} is not a focus I know; try one of: {known}")
    return key


def create_link(
    session: Session, *, clinician_user_id: int, now: datetime, focus: str | None = None
) -> ReferralLink:
    """The clinician's active link for this focus, made on first use."""
    statement = select(ReferralLink).where(
        ReferralLink.clinician_user_id == clinician_user_id,
        col(ReferralLink.revoked_at).is_(None),
        col(ReferralLink.focus).is_(None) if focus is None else ReferralLink.focus == focus,
    )
    link = session.exec(statement).first()
    if link is None:
        link = ReferralLink(
            clinician_user_id=clinician_user_id,
            focus=focus,
            code=secrets.token_urlsafe(_CODE_BYTES),
            created_at=now,
        )
        session.add(link)
        session.flush()
    return link


def find_active_link(session: Session, *, code: str, settings: Settings) -> ReferralLink | None:
    """The link with this code, if it is live and its clinician still holds the role."""
    code = code.strip().removeprefix(REFERRAL_PREFIX)
    link = session.exec(
        select(ReferralLink).where(
            ReferralLink.code == code, col(ReferralLink.revoked_at).is_(None)
        )
    ).first()
    if link is None:
        return None
    allowed = has_role(
        session, user_id=link.clinician_user_id, role=StaffRole.clinician, settings=settings
    )
    return link if allowed else None


def attribute(session: Session, *, person_id: int, link: ReferralLink, now: datetime) -> Referral:
    """Record that a person came through a link (a new link replaces an old one, asking again)."""
    referral = referral_of(session, person_id=person_id)
    if referral is not None and referral.link_id == link.id:
        return referral
    if referral is None:
        referral = Referral(person_id=person_id, link_id=link.id or 0, at=now)
    else:
        referral.link_id, referral.at = link.id or 0, now
        referral.consent, referral.consent_at = None, None
    session.add(referral)
    session.flush()
    return referral


def referral_of(session: Session, *, person_id: int) -> Referral | None:
    """The person's referral, if they came through a clinician's link."""
    return session.exec(select(Referral).where(Referral.person_id == person_id)).first()


def record_consent(
    session: Session, *, person_id: int, consent: bool, now: datetime
) -> Referral | None:
    """Store the person's yes or no to their clinician seeing their progress."""
    referral = referral_of(session, person_id=person_id)
    if referral is None:
        return None
    referral.consent, referral.consent_at = consent, now
    session.add(referral)
    session.flush()
    return referral


def focus_of(session: Session, *, person_id: int) -> str | None:
    """The focus of the link a person came through (for the conversation to start with)."""
    statement = (
        select(ReferralLink.focus)
        .join(Referral, col(Referral.link_id) == col(ReferralLink.id))
        .where(Referral.person_id == person_id)
    )
    return session.exec(statement).first()


def referral_view(session: Session, *, person_id: int) -> ReferralView | None:
    """The person's referral for /mydata, or None when they did not come through a link."""
    referral = referral_of(session, person_id=person_id)
    if referral is None:
        return None
    link = session.get(ReferralLink, referral.link_id)
    if link is None:
        return ReferralView(clinician=None, focus=None, consent=referral.consent)
    name = display_name_of(session, user_id=link.clinician_user_id)
    return ReferralView(clinician=name, focus=link.focus, consent=referral.consent)
