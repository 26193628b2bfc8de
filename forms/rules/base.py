"""The base of every rule type: parameters read and checked at load, a check on one draft, and an
optional check against last year's draft.

A rule type is one subclass with a ``type_name`` and a typed ``Params`` dataclass; defining the
class registers it, so adding a rule type is one class plus its entries in the format files.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from forms.findings import Finding, Severity
from forms.format_reader import ParamReader

if TYPE_CHECKING:
    from forms.rules.context import Context

P = TypeVar("P")

SEVERITIES: tuple[Severity, ...] = ("error", "warning")


class Rule(ABC, Generic[P]):
    """One rule of a format file, with its parameters already checked."""

    type_name: ClassVar[str]
    default_severity: ClassVar[Severity] = "warning"
    registry: ClassVar[dict[str, type[Rule[Any]]]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "type_name" in cls.__dict__:
            Rule.registry[cls.type_name] = cls

    def __init__(self, severity: Severity, params: P) -> None:
        self.severity: Severity = severity
        self.params: P = params

    @property
    def type(self) -> str:
        return self.type_name

    @classmethod
    @abstractmethod
    def read_params(cls, reader: ParamReader) -> P:
        """Read and check this rule type's parameters; raise reader.fail(...) on a problem."""

    def check(self, ctx: Context) -> list[Finding]:
        """Findings on this year's draft alone."""
        return []

    def check_cross_year(self, ctx: Context, last: Context) -> list[Finding]:
        """Findings that need last year's draft; most rules have none."""
        return []

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.severity!r}, {self.params!r})"


def parse_rule(reader: ParamReader) -> Rule[Any]:
    """Build the rule a format file's entry describes, checking every parameter."""
    type_name = reader.string("type")
    rule_type = Rule.registry.get(type_name)
    if rule_type is None:
        raise reader.fail("type", f"unknown rule type '{type_name}' (known: {', '.join(sorted(Rule.registry))})")
    severity = reader.optional_string("severity") or rule_type.default_severity
    if severity not in SEVERITIES:
        raise reader.fail("severity", f"unknown severity '{severity}'")
    params = rule_type.read_params(reader)
    reader.finish()
    return rule_type("error" if severity == "error" else "warning", params)
