"""nianbao: the annual Government Information Disclosure report tool (command line and app entry)."""

__version__ = "0.1.0"
