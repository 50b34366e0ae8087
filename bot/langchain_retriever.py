"""The hybrid retriever as a LangChain BaseRetriever, so it plugs into LangChain chains."""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

__all__ = ["ManysidesRetriever"]


class ManysidesRetriever(BaseRetriever):
    """Returns chunks as Documents whose metadata carries the article id, chunk id, offsets and score."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    retriever: Any  # a bot.retrieval.HybridRetriever
    k: int = 5
    article_ids: list[str] | None = None

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        hits = self.retriever.search(query, k=self.k, article_ids=self.article_ids)
        return [Document(page_content=h.text, id=h.chunk_id,
                         metadata={"article_id": h.article_id, "chunk_id": h.chunk_id, "start": h.start, "end": h.end, "score": h.score})
                for h in hits]
