# Run-time hook of the Linux bundle, used instead of PyInstaller's pyi_rth_inspect (Apache-2.0, whose
# logic it keeps): inspect.getsourcefile resolves the relative file names of frozen modules.
# The difference: the names inside base_library.zip are read on the first call, not at every start.
# Reading them at start imported zipfile, and with it bz2 and lzma: three more files opened by every
# start for a function the program does not call while starting.


def _install() -> None:
    import inspect
    import os
    import sys

    prefix = os.path.normpath(sys._MEIPASS)  # type: ignore[attr-defined]
    base_library = os.path.join(prefix, "base_library.zip")
    cache: list[set[str]] = []
    original = inspect.getsourcefile

    def base_library_files() -> set[str]:
        if not cache:
            names: set[str] = set()
            if os.path.isfile(base_library):
                import zipfile

                with zipfile.ZipFile(base_library) as archive:
                    names = {os.path.normpath(name) for name in archive.namelist()}
            cache.append(names)
        return cache[0]

    def getsourcefile(obj):  # type: ignore[no-untyped-def]
        filename = os.path.normpath(inspect.getfile(obj))
        if not os.path.isabs(filename):
            main_file = getattr(sys.modules["__main__"], "__file__", None)
            if main_file and filename == os.path.basename(main_file):
                return main_file
            if filename + "c" in base_library_files():
                return os.path.normpath(os.path.join(base_library, filename + "c"))
            return os.path.normpath(os.path.join(prefix, filename))
        if filename.startswith(prefix):
            return filename
        return original(obj)

    inspect.getsourcefile = getsourcefile


_install()
del _install
