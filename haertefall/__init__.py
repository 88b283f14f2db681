"""Bleiberecht-Assistent: the Django project (settings, URLs, the cases app)."""
