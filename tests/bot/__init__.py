"""Tests of the conversation with a person seeking help."""
