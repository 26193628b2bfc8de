"""Report formats as data, the draft model, the validator and the draft file. Standard library (and
``common``) only: no Qt, so every other part (storage, render, gui, cli) can build on it. Its only file
I/O is reading the format files and the draft file (``draft_json``), through ``common``'s reader and writer.

Its names load on first use (PEP 562): the program's start shows a draft without importing the
validator and its rule types.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from forms.catalog import available_formats, format_for_year, load_format
    from forms.definition import FormatDefinition, FormatDefinitionError, Table
    from forms.draft import CellKey, Draft, Signature, cell_values, new_draft
    from forms.draft_json import (
        DraftFileError,
        draft_from_dict,
        draft_to_dict,
        dumps_draft,
        load_draft_file,
        loads_draft,
        save_draft_file,
        to_storable,
    )
    from forms.findings import Finding, Location, has_errors
    from forms.levels import LEVELS, infer_level, level_label
    from forms.limits import LimitError
    from forms.validation import carried_cells, validate
    from forms.values import CellValue, CellValueError, check_value, format_value, parse_cell_text

_HOME = {
    "CellKey": "forms.draft",
    "CellValue": "forms.values",
    "CellValueError": "forms.values",
    "Draft": "forms.draft",
    "DraftFileError": "forms.draft_json",
    "Finding": "forms.findings",
    "FormatDefinition": "forms.definition",
    "FormatDefinitionError": "forms.definition",
    "LEVELS": "forms.levels",
    "LimitError": "forms.limits",
    "Location": "forms.findings",
    "Signature": "forms.draft",
    "Table": "forms.definition",
    "available_formats": "forms.catalog",
    "carried_cells": "forms.validation",
    "cell_values": "forms.draft",
    "check_value": "forms.values",
    "draft_from_dict": "forms.draft_json",
    "draft_to_dict": "forms.draft_json",
    "dumps_draft": "forms.draft_json",
    "format_for_year": "forms.catalog",
    "format_value": "forms.values",
    "has_errors": "forms.findings",
    "infer_level": "forms.levels",
    "level_label": "forms.levels",
    "load_draft_file": "forms.draft_json",
    "load_format": "forms.catalog",
    "loads_draft": "forms.draft_json",
    "new_draft": "forms.draft",
    "parse_cell_text": "forms.values",
    "save_draft_file": "forms.draft_json",
    "to_storable": "forms.draft_json",
    "validate": "forms.validation",
}


def __getattr__(name: str) -> Any:
    """Import the module that defines ``name`` (no exported name is also a submodule's name: importing
    ``forms.x`` sets ``forms.x`` to the module, which would hide a function of that name)."""
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module 'forms' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "LEVELS",
    "CellKey",
    "CellValue",
    "CellValueError",
    "Draft",
    "DraftFileError",
    "Finding",
    "FormatDefinition",
    "FormatDefinitionError",
    "LimitError",
    "Location",
    "Signature",
    "Table",
    "available_formats",
    "carried_cells",
    "cell_values",
    "check_value",
    "draft_from_dict",
    "draft_to_dict",
    "dumps_draft",
    "format_for_year",
    "format_value",
    "has_errors",
    "infer_level",
    "level_label",
    "load_draft_file",
    "load_format",
    "loads_draft",
    "new_draft",
    "parse_cell_text",
    "save_draft_file",
    "to_storable",
    "validate",
]
