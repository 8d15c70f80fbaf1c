"""Render the validated matrix into Markdown pages and site configuration: pure functions only."""
