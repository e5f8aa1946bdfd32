"""Tests of the operations package (bot/ops)."""
