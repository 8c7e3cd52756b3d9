"""Fetch a privacy policy from its URL with a bounded HTTP client, and cache what was fetched."""
