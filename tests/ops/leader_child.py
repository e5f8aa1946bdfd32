"""A child process for the failover tests: wait for the lead, say so, hold it until lost."""

from __future__ import annotations

import asyncio
import sys
import time

from bot.ops.leader import LeadershipLost, leadership_for


async def hold(url: str) -> int:
    """Take the lead (printing STANDBY while waiting), print LEADER, then watch it."""
    lock = leadership_for(url, poll_seconds=0.2)
    await lock.acquire(on_standby=lambda: print("STANDBY", flush=True))
    print(f"LEADER {time.monotonic()}", flush=True)
    try:
        await lock.watch()
    except LeadershipLost:
        print("LOST", flush=True)
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(hold(sys.argv[1])))
