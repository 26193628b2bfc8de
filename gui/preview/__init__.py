"""Live PDF preview: the pane and its background render thread."""
