"""One module per ``nianbao`` subcommand, each with ``register(subparsers)``."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from common.errors import AppError

EXIT_ERROR = 2


def fail(error: AppError | str, lang: str = "zh", *, advice: bool = False) -> int:
    """Print ``错误：…`` (``error: …`` with ``--lang en``) on stderr, the advice under it when asked; the exit code."""
    en = lang == "en"
    message = error if isinstance(error, str) else error.message(lang)
    print(f"{'error' if en else '错误'}：{message}", file=sys.stderr)
    if advice and not isinstance(error, str) and error.advice(lang):
        print(error.advice(lang), file=sys.stderr)
    return EXIT_ERROR
