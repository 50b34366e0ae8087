"""Chat, retrieval, answers, summaries and comparison over the article library in `index`."""

from bot.library import open_library

__all__ = ["open_library"]
