"""Report formats as data, the draft model, the validator and the draft file. Standard library (and
``common``) only: no Qt, so every other part (storage, render, gui, cli) can build on it. Its only file
I/O is reading the format files and the draft file (``draft_json``), through ``common``'s reader and writer."""

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
from forms.validate import carried_cells, validate
from forms.values import CellValue, CellValueError, check_value, format_value, parse_cell_text

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
