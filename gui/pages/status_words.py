"""The review statuses in the UI language (storage keeps the stable English ids)."""

from __future__ import annotations

from gui.i18n import _

__all__ = ["status_text"]


def status_text(status: str) -> str:
    words = {"draft": _("草稿"), "submitted": _("待审核"), "returned": _("已退回"), "approved": _("已通过")}
    return words.get(status, status)
