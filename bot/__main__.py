"""`python -m bot` runs the Manysides CLI."""

from bot.cli import main

main()
