"""Telegram side of firststep: settings, handlers, conversation, scheduler, command line."""
