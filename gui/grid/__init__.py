"""Official-table grid widget: model, view, frozen panes, sizing, clipboard, undo commands."""

#: the Qt property a table grid carries with its table's id, so others find the table being edited
#: (the wizard's focus tracking) without importing the grid
TABLE_ID_PROPERTY = "tableId"
