"""Feeds that refresh themselves: fetch a source's URL, apply it as one import, note how it went.

A fetch has a timeout and a size limit and is conditional (ETag / Last-Modified): an unchanged
feed costs one small answer. A changed feed is applied as one import of that source, with the
archive guard: if it would archive more than a quarter of the source's groups, nothing changes,
the feed is held and a coordinator must confirm it (``confirm_held``). Each source records when
it was last fetched, last fetched well and last changed, and how many fetches in a row failed;
``alerts_due`` says which sources coordinators should hear about (failing, stale, held), once.
Nothing here knows Telegram; the bot's job and the command line call it.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlmodel import Session, col, select

from directory import crud
from directory.bmlt import import_bmlt
from directory.csv_io import import_csv
from directory.importing import ARCHIVE_GUARD, ImportReport
from directory.meeting_guide import import_meeting_guide
from directory.models import FeedFormat, FeedSource

log = logging.getLogger(__name__)

TIMEOUT_S = 30.0
MAX_BYTES = 20 * 1024 * 1024
FAILURES_ALERT = 3  # failed fetches in a row before coordinators are told
STALE_INTERVALS = 3  # no good fetch for this many intervals (at least a day): stale
USER_AGENT = "firststep-directory (+https://github.com/firststep; refreshes a meeting feed)"
_EVERY = re.compile(r"^\s*(\d+)\s*([mhd]?)\s*$", re.IGNORECASE)


class SourceError(ValueError):
    """A source cannot be added or found; the message says why."""


@dataclass(frozen=True, slots=True)
class Fetched:
    """What a fetch brought: a body (changed), nothing new (304), or why it failed."""

    body: bytes | None = None
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    error: str | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """How a refresh went, in one word and one line for people."""

    source: str
    status: str  # changed, unchanged, held, failed
    summary: str
    report: ImportReport | None = None


def parse_every(text: str) -> int:
    """'24h', '30m', '2d' or plain minutes as minutes (at least 5)."""
    match = _EVERY.match(text or "")
    if not match:
        raise SourceError(f"{text!r} is not an interval like 24h, 30m or 2d")
    minutes = int(match[1]) * {"": 1, "m": 1, "h": 60, "d": 1440}[match[2].lower()]
    if minutes < 5:
        raise SourceError("refresh at most every 5 minutes")
    return minutes


def every_text(minutes: int) -> str:
    """Minutes as people say them: 1440 -> '24h'."""
    if minutes % 1440 == 0:
        return f"{minutes // 1440}d" if minutes > 1440 else "24h"
    return f"{minutes // 60}h" if minutes % 60 == 0 else f"{minutes}m"


# --------------------------------------------------------------------------- the table


def add_source(
    session: Session,
    *,
    name: str,
    url: str,
    format: str,
    fellowship: str | None = None,
    timezone: str | None = None,
    every_minutes: int = 1440,
    now: datetime | None = None,
) -> FeedSource:
    """Add a source (checked: a web address, a known format, fellowship and time zone)."""
    name, url = name.strip(), url.strip()
    if not re.match(r"^https?://[^\s/]+", url, re.IGNORECASE):
        raise SourceError(f"{url[:80]!r} is not a web address (http:// or https://)")
    if format not in {f.value for f in FeedFormat}:
        raise SourceError(f"{format!r} is not meeting-guide, bmlt or csv")
    if not name or len(name) > 120:
        raise SourceError("a source needs a name of 1 to 120 characters")
    if session.exec(select(FeedSource).where(FeedSource.name == name)).first() is not None:
        raise SourceError(f"there is already a source called {name!r}")
    if fellowship:
        found = crud.get_fellowship(session, name=fellowship)
        if found is None:
            raise SourceError(f"no fellowship called {fellowship!r}")
        fellowship = found.name
    if timezone:
        try:
            crud.check_timezone(timezone)
        except crud.DirectoryError as exc:
            raise SourceError(exc.reason) from None
    source = FeedSource(
        name=name, url=url, format=format, fellowship=fellowship, timezone=timezone,
        every_minutes=max(5, every_minutes), created_at=now or datetime.now(UTC),
    )  # fmt: skip
    session.add(source)
    session.flush()
    return source


def get_source(session: Session, *, name: str) -> FeedSource:
    """A source by name (or id); SourceError when there is none."""
    query = select(FeedSource).where(FeedSource.name == name.strip())
    found = session.exec(query).first()
    if found is None and name.strip().isdigit():
        found = session.get(FeedSource, int(name.strip()))
    if found is None:
        raise SourceError(f"no source called {name!r} (see `source list`)")
    return found


def list_sources(session: Session) -> list[FeedSource]:
    """Every source, by name."""
    return list(session.exec(select(FeedSource).order_by(col(FeedSource.name))).all())


def _aware(moment: datetime | None) -> datetime | None:
    return moment.replace(tzinfo=UTC) if moment is not None and moment.tzinfo is None else moment


def is_due(source: FeedSource, now: datetime) -> bool:
    """True when an enabled source was never fetched or its interval has passed."""
    last = _aware(source.last_fetched_at)
    return source.enabled and (
        last is None or now - last >= timedelta(minutes=source.every_minutes)
    )


def due_sources(session: Session, *, now: datetime) -> list[FeedSource]:
    """The sources a refresh round should fetch now."""
    return [s for s in list_sources(session) if is_due(s, now)]


# --------------------------------------------------------------------------- fetching


async def fetch(
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    wait_s: float = TIMEOUT_S,
    max_bytes: int = MAX_BYTES,
    client: httpx.AsyncClient | None = None,
) -> Fetched:
    """GET a feed: conditional, within ``wait_s`` seconds and ``max_bytes``; never raises."""
    headers = {"User-Agent": USER_AGENT, "Accept": "application/json, text/csv;q=0.9, */*;q=0.5"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    own = client is None
    client = client or httpx.AsyncClient(follow_redirects=True, max_redirects=5)
    try:
        async with (
            asyncio.timeout(wait_s),
            client.stream("GET", url, headers=headers, timeout=wait_s) as response,
        ):
            if response.status_code == 304:
                return Fetched(not_modified=True, etag=etag, last_modified=last_modified)
            if response.status_code >= 400:
                return Fetched(error=f"the server answered HTTP {response.status_code}")
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                return Fetched(error=f"larger than {max_bytes // (1024 * 1024)} MB")
            chunks: list[bytes] = []
            size = 0
            async for chunk in response.aiter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    return Fetched(error=f"larger than {max_bytes // (1024 * 1024)} MB")
                chunks.append(chunk)
            return Fetched(
                body=b"".join(chunks),
                etag=response.headers.get("etag"),
                last_modified=response.headers.get("last-modified"),
            )
    except (TimeoutError, httpx.TimeoutException):
        return Fetched(error=f"no answer within {wait_s:g} s")
    except httpx.HTTPError as exc:
        return Fetched(error=f"could not be fetched ({type(exc).__name__})")
    finally:
        if own:
            await client.aclose()


# --------------------------------------------------------------------------- applying


def _import(session: Session, source: FeedSource, body: bytes, *, guard: bool) -> ImportReport:
    common: dict[str, Any] = {"fellowship": source.fellowship, "source": source.name}
    guard_share = ARCHIVE_GUARD if guard else None
    if source.format == FeedFormat.bmlt:
        return import_bmlt(
            session, body, default_timezone=source.timezone, archive_guard=guard_share, **common
        )
    if source.format == FeedFormat.csv:
        report = import_csv(session, body, **common)  # CSV files name their own time zones
        return report
    return import_meeting_guide(
        session, body, default_timezone=source.timezone, archive_guard=guard_share, **common
    )


def _failed(source: FeedSource, reason: str, now: datetime) -> Outcome:
    source.failures += 1
    source.last_error = reason[:2000]
    log.warning(
        "source refresh failed", extra={"source_id": source.id, "failures": source.failures}
    )
    return Outcome(source.name, "failed", f"{source.name}: {reason}")


def apply_fetched(
    session: Session, source: FeedSource, fetched: Fetched, *, now: datetime
) -> Outcome:
    """Apply what a fetch brought to the directory, in the caller's transaction."""
    source.last_fetched_at = now
    session.add(source)
    if fetched.error is not None:
        return _failed(source, fetched.error, now)
    if fetched.not_modified or fetched.body is None:
        return _unchanged(source, now)
    digest = hashlib.sha256(fetched.body).hexdigest()
    if digest == source.content_hash:
        source.etag, source.last_modified = fetched.etag, fetched.last_modified
        return _unchanged(source, now)
    report = _import(session, source, fetched.body, guard=digest != source.confirmed_hash)
    if not report.ok:  # garbage, or not a feed: the importers wrote nothing
        return _failed(source, f"not imported: {report.summary()}", now)
    if report.held:
        source.held_hash, source.held_body, source.held_at = digest, fetched.body, now
        source.held_archive, source.held_total = report.archived, report.active_before
        source.failures, source.last_ok_at, source.last_error = 0, now, None
        return Outcome(source.name, "held", f"{source.name}: {report.summary()}", report)
    source.content_hash = digest
    source.etag, source.last_modified = fetched.etag, fetched.last_modified
    source.last_ok_at = source.last_changed_at = now
    source.failures, source.last_error, source.alerted = 0, None, None
    source.held_hash = source.held_body = source.held_at = None
    source.held_archive = source.held_total = 0
    source.last_summary = report.summary()
    return Outcome(source.name, "changed", f"{source.name}: {report.summary()}", report)


def _unchanged(source: FeedSource, now: datetime) -> Outcome:
    source.last_ok_at, source.failures, source.last_error = now, 0, None
    if source.alerted in ("failing", "stale"):
        source.alerted = None
    return Outcome(source.name, "unchanged", f"{source.name}: unchanged")


def confirm_held(session: Session, source: FeedSource, *, now: datetime) -> Outcome:
    """A coordinator confirms a held refresh: apply the held feed without the archive guard."""
    if source.held_body is None or source.held_hash is None:
        raise SourceError(f"{source.name} has no refresh waiting for a confirmation")
    source.confirmed_hash = source.held_hash
    fetched = Fetched(body=source.held_body, etag=None, last_modified=None)
    return apply_fetched(session, source, fetched, now=now)


def discard_held(session: Session, source: FeedSource) -> None:
    """Keep the directory as it is: forget the held feed (it is held again if it comes back)."""
    source.held_hash = source.held_body = source.held_at = None
    source.held_archive = source.held_total = 0
    session.add(source)


@dataclass(frozen=True, slots=True)
class Request:
    """What to fetch for a source: its URL and the validators of what was last applied."""

    name: str
    url: str
    etag: str | None
    last_modified: str | None


def request_for(session: Session, *, name: str) -> Request:
    """The conditional request for a source (a held feed is fetched whole: it may have changed)."""
    source = get_source(session, name=name)
    held = source.held_body is not None
    return Request(
        source.name,
        source.url,
        None if held else source.etag,
        None if held else source.last_modified,
    )


async def fetch_for(request: Request, *, client: httpx.AsyncClient | None = None) -> Fetched:
    """Fetch what a request names."""
    return await fetch(
        request.url, etag=request.etag, last_modified=request.last_modified, client=client
    )


def apply_to(session: Session, *, name: str, fetched: Fetched, now: datetime) -> Outcome:
    """Apply a fetch to the source of that name (in the caller's transaction)."""
    return apply_fetched(session, get_source(session, name=name), fetched, now=now)


# --------------------------------------------------------------------------- alerts


@dataclass(frozen=True, slots=True)
class Alert:
    """Something coordinators should hear about a source, once."""

    source: str
    kind: str  # failing, stale, held
    failures: int = 0
    since: datetime | None = None
    archive: int = 0
    total: int = 0
    error: str | None = None


def alerts_due(session: Session, *, now: datetime) -> list[Alert]:
    """Sources failing several times in a row, gone stale, or holding a refresh for a
    confirmation, that coordinators were not yet told about (each is marked as told)."""
    alerts: list[Alert] = []
    for source in list_sources(session):
        if not source.enabled:
            continue
        kind = None
        last_ok = _aware(source.last_ok_at) or _aware(source.created_at)
        stale_after = max(
            timedelta(days=1), timedelta(minutes=source.every_minutes * STALE_INTERVALS)
        )
        if source.held_body is not None:
            kind = "held"
        elif source.failures >= FAILURES_ALERT:
            kind = "failing"
        elif last_ok is not None and now - last_ok > stale_after:
            kind = "stale"
        if kind is None or source.alerted == kind:
            continue
        source.alerted, source.alerted_at = kind, now
        session.add(source)
        alerts.append(
            Alert(
                source.name, kind, source.failures, last_ok, source.held_archive,
                source.held_total, source.last_error,
            )
        )  # fmt: skip
    return alerts
