"""The 汇总审核 window: the collecting office's batch check, comparison and roll-up."""
