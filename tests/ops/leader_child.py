"""A child process for the failover tests: wait for the lead, say so, hold it until another
process has it (printing SESSION-LOST and REGAINED when an outage comes and goes)."""

from __future__ import annotations

import asyncio
import sys
import time

from bot.ops.leader import LeadershipLost, leadership_for


def say(word: str) -> None:
    """One line for the test, with the time it was said."""
    print(f"{word} {time.monotonic()}", flush=True)


async def hold(url: str) -> int:
    """Take the lead (printing STANDBY or UNREACHABLE while waiting), print LEADER, watch it."""
    lock = leadership_for(url, poll_seconds=0.2)
    await lock.acquire(on_standby=lambda: say("STANDBY"), on_unreachable=lambda: say("UNREACHABLE"))
    say("LEADER")
    try:
        await lock.watch(on_lost=lambda: say("SESSION-LOST"), on_regained=lambda: say("REGAINED"))
    except LeadershipLost:
        say("LOST")
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(hold(sys.argv[1])))
