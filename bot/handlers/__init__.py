"""Telegram handlers of the conversation with a person seeking help (wired in bot/app.py)."""
