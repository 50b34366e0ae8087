"""The article library: loading, cleaning, sentence-addressed chunking, embedding and the vector store.

`index` knows nothing of chat, LLMs or the UI; `bot` builds on it.
"""

from index.errors import ConfigError, ManysidesError, SourceError, StoreError, StoreUnavailable
from index.library import IngestProgress, Library, build_article
from index.models import (
    Article,
    ArticleRecord,
    Chunk,
    Document,
    IngestedArticle,
    IngestError,
    IngestReport,
    Removal,
    RemovalReason,
    SearchHit,
    Span,
    articles_to_compare,
    not_article_reason,
)
from index.settings import IndexSettings

__all__ = [
    "Article",
    "ArticleRecord",
    "Chunk",
    "ConfigError",
    "Document",
    "IndexSettings",
    "IngestError",
    "IngestProgress",
    "IngestReport",
    "IngestedArticle",
    "Library",
    "ManysidesError",
    "Removal",
    "RemovalReason",
    "SearchHit",
    "SourceError",
    "Span",
    "StoreError",
    "StoreUnavailable",
    "articles_to_compare",
    "build_article",
    "not_article_reason",
]
