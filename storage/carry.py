""""New from last year's draft": what is carried over from last year's report into a fresh one."""

from __future__ import annotations

from forms import CellValueError, Draft, Signature, carried_cells, check_value, new_draft

__all__ = ["next_year_draft"]


def next_year_draft(last: Draft, *, copy_texts: bool = False) -> Draft:
    """A draft for ``last.year + 1`` in that year's format.

    Copies the agency and the signing agency (not the date: last year's date would be wrong), and sets
    every carry-forward target to the sum of last year's source cells (blank if all sources are blank).
    Texts and custom headings are copied only when asked, and only those the new format has.
    """
    this = new_draft(last.agency, last.year + 1)
    this.signature = Signature(agency=last.signature.agency or last.agency, date=None)
    this.level = last.level  # the clerk may have corrected the guessed level last year
    definition = this.definition
    for _carry, target, sources in carried_cells(definition, last.definition):
        parts = [last.value(*source) for source in sources]
        present = [p for p in parts if p is not None]
        if not present:
            continue
        total = sum(present[1:], present[0])
        kind = definition.table(target[0]).column(target[2]).kind
        try:
            this.values[target] = check_value(kind, total)
        except CellValueError:  # e.g. a negative count: leave the cell blank for the clerk to fill in
            continue
    if copy_texts:
        known = {t.id for t in definition.texts}
        this.texts = {k: v for k, v in last.texts.items() if k in known}
        this.headings = {k: v for k, v in last.headings.items() if k in known}
        this.carried_texts = {k for k, v in this.texts.items() if v.strip()}
    return this
