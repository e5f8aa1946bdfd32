"""Time zones by IANA name: the one place a name is turned into a `ZoneInfo`.

`zoneinfo` raises more than `ZoneInfoNotFoundError` on odd names: `ValueError` on an absolute or
non-normalised path ("/etc/passwd", "America/"), `OSError` on a name that is a directory of the
database ("Europe", "Etc") or too long, `ValueError` on a file that is not a zone ("zone1970.tab").
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

UTC_ZONE = ZoneInfo("UTC")


def load_zone(name: object) -> ZoneInfo | None:
    """The time zone of this name, or None when there is none (never raises)."""
    if not isinstance(name, str) or not name or len(name) > 64:
        return None
    try:
        return ZoneInfo(name)
    except (KeyError, ValueError, OSError):  # ZoneInfoNotFoundError is a KeyError
        return None


def zone_or_utc(name: object) -> ZoneInfo:
    """The time zone of this name, or UTC when there is none (never raises)."""
    return load_zone(name) or UTC_ZONE
