"""For the office that collects its units' reports: check a batch, compare years, roll the units up.

Everything here only reads the units' files; results are written only where the caller says.

    result = check_batch(paths, roster=..., previous=..., progress=..., cancel=...)
    result.units                      # one UnitResult per expected or found unit
    rollup = roll_up(result.drafts(), target_year=..., ...)
    comparison = compare_drafts(last, this)
"""

from batch.compare import Comparison, compare_drafts
from batch.rollup import RollUp, roll_up
from batch.roster import Roster, RosterUnit, read_roster
from batch.run import BatchResult, UnitResult, check_batch, report_files
from batch.similarity import copied_share

__all__ = [
    "BatchResult", "Comparison", "RollUp", "Roster", "RosterUnit", "UnitResult", "check_batch", "compare_drafts",
    "copied_share", "read_roster", "report_files", "roll_up",
]
