"""Command palette provider: search every article for what is typed, or open one by its title."""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape


class ArticleCommands(Provider):
    """'Open: <title>' for every article in the corpus."""

    def _articles(self) -> list:
        session = getattr(self.app, "session", None)
        return session.corpus.articles if session and session.corpus else []

    def _open(self, article_id: str) -> None:
        self.app.reader.open_article(article_id)  # type: ignore[attr-defined]

    async def _run_search(self, query: str) -> None:
        """The same search as the search bar's (scripts folded, the glossary as set)."""
        from .search_bar import SearchBar

        reader = self.app.reader  # type: ignore[attr-defined]
        await reader.action_search()
        field = reader.query_one(SearchBar).input
        field.value = query
        field.remember(query)
        reader.run_search(query)

    async def discover(self) -> Hits:
        for article in self._articles()[:20]:
            yield DiscoveryHit(
                Text(f"Open: {article.title}"),
                partial(self._open, article.id),
                help=escape(f"{article.date or ''} {article.language} {article.stance_label or ''}"),
            )

    async def search(self, query: str) -> Hits:
        if query.strip():
            text = f"Search all articles for “{query.strip()}”"
            yield Hit(1.0, Text(text), partial(self._run_search, query.strip()), help="as / does")
        matcher = self.matcher(query)
        for article in self._articles():
            text = f"Open: {article.title}"
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(text),
                    partial(self._open, article.id),
                    help=escape(f"{article.id} · {article.stance_label or ''}"),
                )
