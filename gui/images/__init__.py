"""Image files the program shows (state icons drawn by tools/draw_state_icons.py); no code."""
