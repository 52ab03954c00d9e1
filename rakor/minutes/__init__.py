"""The minutes parser: pure functions, no database (see ``parser`` for the pipeline)."""

from .checks import MinutesRejected, check_minutes
from .lexicon import Lexicon
from .parser import Draft, ParseResult, parse_minutes

__all__ = ["Draft", "Lexicon", "MinutesRejected", "ParseResult", "check_minutes", "parse_minutes"]
