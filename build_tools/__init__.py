"""Loads, checks and publishes the archive of conference papers kept in papers/."""
