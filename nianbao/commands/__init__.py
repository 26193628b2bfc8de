"""One module per ``nianbao`` subcommand, each with ``register(subparsers)``."""
