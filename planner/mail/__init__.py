"""Invitations leaving the office: iMIP messages, files and drafts, sending over SMTP, and what was sent."""
