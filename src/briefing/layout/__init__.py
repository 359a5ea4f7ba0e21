"""Layouts: each document is a story of flowables built from shared blocks, set on the
pages that ``document.py`` defines."""
