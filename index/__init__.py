"""The article library: loading, cleaning, sentence-addressed chunking, embedding and the vector store.

`index` knows nothing of chat, LLMs or the UI; `bot` builds on it.
"""

from index.chunking import split_into_sentences
from index.clutter import has_verb
from index.embedding import Embedder, encoding_feeds, onnx_session
from index.errors import ConfigError, ManysidesError, SourceError, StoreError, StoreUnavailable, settings_error
from index.loaders import SUPPORTED_SUFFIXES
from index.outlets import site_name, without_dateline
from index.sentences import ArticleSentences
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
from index import text
from index.text import *  # noqa: F403 (its __all__: the text primitives)

# The library's API, then what `bot` reads of its parts on purpose: the text primitives (index.text.__all__), sentence splitting, the embedding
# runtime (the judge runs its cross-encoder on it), the file types it loads and the settings error.
__all__ = [
    "Article",
    "ArticleSentences",
    "Embedder",
    "SUPPORTED_SUFFIXES",
    "encoding_feeds",
    "has_verb",
    "onnx_session",
    "settings_error",
    "site_name",
    "without_dateline",
    "split_into_sentences",
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
__all__ += text.__all__
