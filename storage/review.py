"""The review workflow as data: which step is allowed from which status, and what it leads to.

草稿 -> 待审核 -> 已退回 (needs a comment) or 已通过; 已退回 -> 待审核 again; 已通过 is read-only until 重新打开.
"""

from __future__ import annotations

from storage.errors import ReviewError
from storage.models import STATUS_ZH

__all__ = ["TRANSITIONS", "ACTION_ZH", "next_status", "is_editable", "same_person"]

#: action -> (allowed from, leads to)
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "submit": (frozenset({"draft", "returned"}), "submitted"),
    "return": (frozenset({"submitted"}), "returned"),
    "approve": (frozenset({"submitted"}), "approved"),
    "reopen": (frozenset({"approved", "submitted"}), "draft"),
}
ACTION_ZH = {"submit": "提交审核", "return": "退回修改", "approve": "审核通过", "reopen": "重新打开"}


def next_status(current: str, action: str, *, comment: str = "", by: str = "") -> str:
    """The status after ``action``; ReviewError (Chinese) if the workflow forbids it."""
    allowed, target = TRANSITIONS[action]
    if not by.strip():
        raise ReviewError(f"{ACTION_ZH[action]}需要填写操作人姓名。", f"{action} needs the name of the person")
    if current not in allowed:
        raise ReviewError(
            f"当前状态为“{STATUS_ZH.get(current, current)}”，不能{ACTION_ZH[action]}。",
            f"cannot {action} a draft whose status is {current}",
        )
    if action == "return" and not comment.strip():
        raise ReviewError("退回时必须填写退回意见。", "returning a draft needs a comment")
    return target


def is_editable(status: str) -> bool:
    return status != "approved"


def same_person(a: str, b: str) -> bool:
    """Whether two recorded names are the same person's: spaces (also full-width) and letter case ignored."""
    def norm(name: str) -> str:
        return "".join(name.split()).casefold()

    return bool(norm(a)) and norm(a) == norm(b)
