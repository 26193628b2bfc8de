"""Import a published report (PDF or text) into a draft."""
