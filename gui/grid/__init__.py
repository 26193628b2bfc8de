"""Official-table grid widget: model, view, frozen panes, sizing, clipboard, undo commands."""
