"""Wizard pages generated from the format definition, and the panels beside them."""
