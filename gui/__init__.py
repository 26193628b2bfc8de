"""The Qt desktop wizard. Only this package imports PySide6.

Importing any ``gui`` module first pins Python's singletons: PySide6 6.12 on CPython 3.11 drops a
reference to True/None on every signal emit, which aborts long sessions (see gui/grid/table_qtfix.py).
"""

from gui.grid.table_qtfix import make_singletons_immortal

make_singletons_immortal()
