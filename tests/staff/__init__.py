"""Tests of the staff package: roles, invites, directory editing, referrals."""
