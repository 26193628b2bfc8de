"""The Qt desktop wizard. Only this package imports PySide6.

Importing any ``gui`` module first pins Python's singletons: PySide6 6.12 on CPython 3.11 drops a
reference to True/None on every signal emit, which aborts long sessions (see gui/grid/table_qtfix.py).
Then PySide6 is imported, with its support modules' compiled code kept in the cache folder
(gui/pyside_code_cache.py: 18 ms of every start) and the large patterns of its signature support
compiled only when first used (gui/pyside_patterns.py: 20 ms), and its per-module source scan made cheap
(see gui/pyside_scan.py): every module imported after PySide6 pays for that scan, so it is swapped
before any of ours is imported.
"""

from common.paths import cache_dir
from gui.grid.table_qtfix import make_singletons_immortal
from gui.pyside_code_cache import cached_pyside_support_code
from gui.pyside_patterns import deferred_pyside_patterns
from gui.pyside_scan import use_cheap_source_check  # imported before PySide6: never scanned itself

make_singletons_immortal()

with cached_pyside_support_code(cache_dir()), deferred_pyside_patterns():
    import PySide6.QtCore  # noqa: F401  (installs PySide's import hook, whose check is replaced next)

use_cheap_source_check()
