"""End-to-end tests: the real Application over HTTP against the telegram-test-api emulator."""
