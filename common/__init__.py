"""The base every package stands on: the error base, atomic file writing, reading files safely,
the per-user folders and the program's own resources. Standard library only, imports nothing
from the project, so forms, storage, render, importer and gui can all build on it."""
