"""Chat, retrieval, answers, summaries and comparison over the article library in `index`."""

from index import IndexSettings, ManysidesError
from bot.library import open_library

__all__ = ["IndexSettings", "ManysidesError", "open_library"]
