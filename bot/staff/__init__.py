"""Coordinators and clinicians: roles, invites, directory editing with an audit trail, referrals."""
