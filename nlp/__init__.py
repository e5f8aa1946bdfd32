"""Understanding what a person writes: concerns, crisis, preferences (no Telegram, no database)."""
