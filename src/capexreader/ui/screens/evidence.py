"""Why an article got its stance: the sentences and cues that moved the score."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from .pane_keys import PANE_KEYS, move_pane

if TYPE_CHECKING:
    from capexreader.corpus import Article


ROLES = {"claim": "a view given to others", "answer": "answers", "conceded": "with a concession"}


def evidence_prompt(weight: float, cues: list[str], sentence: str, role: str = "", claim: str = "") -> Text:
    """The weight and cues of one sentence; an answer shows the claim it answers above it."""
    lean = Text(f"{weight:+.1f} ", style="bold green" if weight > 0 else "bold red")
    lean.append(", ".join(dict.fromkeys(cues)), style="italic")
    if role:
        lean.append(f"  · {ROLES.get(role, role)}", style="dim")
    lines = [lean]
    if claim:
        lines.append(Text("  claim: ", style="dim").append(claim, style="dim italic"))
        lines.append(Text("  answer: ", style="bold").append(sentence))
    else:
        lines.append(Text(sentence))
    return Text("\n").join(lines)


def summary(article: Article) -> Text:
    s = article.stance
    out = Text(f"Why {s.label}", style="bold")
    out.append(
        f"  {s.confidence:.0%} sure · score {s.score:+.2f} · bullish weight {s.bullish:.1f}"
        f" · bearish weight {s.bearish:.1f}"
    )
    if s.sentences > len(s.evidence):
        out.append(f"\nThe strongest {len(s.evidence)} of {s.sentences} sentences with cues.", style="dim")
    if s.overridden:
        out.append(
            f"\nThe front matter sets {s.label}; the text alone reads {s.computed_label}.", style="italic"
        )
    out.append("\nEnter jumps to the sentence; Esc closes.", style="dim")
    return out


class EvidenceScreen(ModalScreen[int | None]):
    """Dismisses with the offset of the chosen sentence, or None."""

    DEFAULT_CSS = """
    EvidenceScreen { align: center middle; }
    EvidenceScreen > Vertical {
        width: 100; max-width: 95%; height: 85%; border: thick $primary; background: $surface;
        padding: 0 1;
    }
    EvidenceScreen Static { height: auto; margin-bottom: 1; }
    EvidenceScreen OptionList { height: 1fr; }
    """
    BINDINGS = [
        Binding("escape,e,q", "close", "Close", id="evidence.close", tooltip="Close without jumping"),
        *PANE_KEYS,
    ]

    def action_pane(self, how: str) -> None:
        move_pane(self.query_one(OptionList), how)

    def __init__(self, article: Article) -> None:
        super().__init__()
        self.article = article

    def compose(self) -> ComposeResult:
        evidence = self.article.stance.evidence
        with Vertical():
            yield Static(summary(self.article))
            options = [
                Option(evidence_prompt(e.weight, e.cues, e.sentence, e.role, e.claim), id=f"ev-{i}")
                for i, e in enumerate(evidence)
            ]
            if not options:
                options = [Option(Text("No stance cues in this article.", style="dim"), disabled=True)]
            yield OptionList(*options)

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        index = int((event.option.id or "ev-0")[3:])
        self.dismiss(self.article.stance.evidence[index].start)

    def action_close(self) -> None:
        self.dismiss(None)
