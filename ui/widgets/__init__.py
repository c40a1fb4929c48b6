"""Widgets every window of the app shares (dates, screen fitting)."""
