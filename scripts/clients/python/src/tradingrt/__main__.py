"""python -m tradingrt: the same as the tradingrt command."""
import sys

from .cli import main

sys.exit(main())
