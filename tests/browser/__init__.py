"""Browser tests of the built site (Playwright driving Chromium)."""
