"""The directory of mutual-help groups: models, storage, import/export, matching (no Telegram)."""
