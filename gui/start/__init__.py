"""Start screen: the list of drafts, its actions and dialogs."""
