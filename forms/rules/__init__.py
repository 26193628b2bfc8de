"""The rule types a format file can use. Importing this package registers every one of them.

A rule type is one ``Rule`` subclass (in ``tables.py`` for rules on table values, ``texts.py``
for rules on the narrative texts, ``counts.py`` for texts compared with the tables) with a
``type_name``, a frozen ``Params`` dataclass read by ``read_params`` (every parameter checked
against the format's tables and texts when the format loads), and ``check`` / ``check_cross_year``. Defining the class registers it; the format files then
use it as ``{"type": type_name, ...params}``. Wording that belongs to one format (the balance note,
the phrases the text checks look for) lives in the format file, not in the class.
"""

from forms.format_reader import ParamReader, Words
from forms.rules import counts, tables, texts
from forms.rules.base import Rule, parse_rule

__all__ = ["ParamReader", "Rule", "Words", "counts", "parse_rule", "tables", "texts"]
