"""The rule types a format file can use. Importing this package registers every one of them."""

from forms.rules import tables, texts
from forms.rules.base import Rule, parse_rule
from forms.rules.params import ParamReader, Words

__all__ = ["ParamReader", "Rule", "Words", "parse_rule", "tables", "texts"]
