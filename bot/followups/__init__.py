"""Gentle follow-ups: a reminder on the day, "How did it go?" after, one nudge, then silence."""
