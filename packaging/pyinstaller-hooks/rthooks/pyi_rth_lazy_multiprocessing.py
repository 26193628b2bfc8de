# Run-time hook of the Linux bundle, used instead of PyInstaller's pyi_rth_multiprocessing (Apache-2.0,
# whose patch it applies unchanged): freeze_support() runs multiprocessing's helper processes
# (resource tracker, fork server, spawned workers) inside the frozen program.
# The difference: the patch is applied when the program first imports multiprocessing (the batch
# check does, on use), not at every start. Importing multiprocessing and subprocess at start opened
# eight more extension modules (socket, select, pickle, ...) before the first window.

import sys


def _patch(multiprocessing) -> None:  # type: ignore[no-untyped-def]
    import multiprocessing.spawn
    from subprocess import _args_from_interpreter_flags  # type: ignore[attr-defined]

    # the spawned child must not try to run the frozen main script as a file
    multiprocessing.process.ORIGINAL_DIR = None

    def divert_helper() -> None:
        try:
            switch = sys.argv.index("-c")
        except ValueError:
            return
        if set(sys.argv[1:switch]) != set(_args_from_interpreter_flags()):
            return
        if len(sys.argv) <= switch + 1:
            return
        command = sys.argv[switch + 1]
        prefixes = (
            "from multiprocessing.resource_tracker import main",
            "from multiprocessing.forkserver import main",
            "import sys; from multiprocessing.forkserver import main",
        )
        if not command.startswith(prefixes):
            return
        exec(command)
        sys.exit()

    def freeze_support() -> None:
        divert_helper()
        if multiprocessing.spawn.is_forking(sys.argv):
            kwds = {}
            for arg in sys.argv[2:]:
                name, value = arg.split("=")
                kwds[name] = None if value == "None" else int(value)
            multiprocessing.spawn.spawn_main(**kwds)
            sys.exit()

    multiprocessing.freeze_support = multiprocessing.spawn.freeze_support = freeze_support


class _PatchAfterImport:
    """Meta-path finder: lets the normal finders load ``multiprocessing``, then patches it (once)."""

    def find_spec(self, name, path=None, target=None):  # type: ignore[no-untyped-def]
        if name != "multiprocessing":
            return None
        sys.meta_path.remove(self)
        import importlib.util

        spec = importlib.util.find_spec(name)
        if spec is not None and spec.loader is not None:
            spec.loader = _Loader(spec.loader)
        return spec


class _Loader:
    def __init__(self, loader) -> None:  # type: ignore[no-untyped-def]
        self._loader = loader

    def __getattr__(self, attr):  # type: ignore[no-untyped-def]
        return getattr(self._loader, attr)

    def create_module(self, spec):  # type: ignore[no-untyped-def]
        return self._loader.create_module(spec)

    def exec_module(self, module) -> None:  # type: ignore[no-untyped-def]
        self._loader.exec_module(module)
        _patch(module)


if "multiprocessing" in sys.modules:
    _patch(sys.modules["multiprocessing"])
else:
    sys.meta_path.insert(0, _PatchAfterImport())
