"""Tests as a user would: the built guide served locally and driven in headless Chromium."""
