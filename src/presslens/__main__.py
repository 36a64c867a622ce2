"""`python -m presslens` runs the command line."""
import sys

from .cli import main

__all__ = ["main"]

sys.exit(main())
