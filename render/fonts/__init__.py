"""Bundled TrueType fonts and their licences (package data; rebuilt by build_fonts.py)."""
