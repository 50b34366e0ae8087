"""The prompt templates (*.txt), shipped as package data so an installed wheel has them; `bot.prompts` renders them."""
