"""What data slides need besides their spec: the loaded data and the deck's kommune."""

from __future__ import annotations

from dataclasses import dataclass

from .. import fmt
from ..data import Data
from ..data.datasets import Dataset
from ..errors import DataError
from ..i18n import Translator, translator


@dataclass(frozen=True)
class SlideContext:
    """Shared by all slides of one build."""

    data: Data | None
    kommune: str | None  # the deck's kommune (name or number), default for selections
    chart: object = None  # a chart slide's ChartData, when it was computed ahead (speed.charts)
    painter: object = None  # charts.Painter: draws the session's charts
    language: str = "nb-NO"  # the deck's: the words slides write themselves

    @property
    def tr(self) -> Translator:
        return translator(self.language)

    def require_data(self) -> Data:
        if self.data is None:
            raise DataError("this deck has data slides but no data folder was found: put the "
                            "deck below a folder with data/, or set 'data:' in the deck")
        return self.data


def source_line(datasets: list[Dataset], tr: Translator) -> str:
    """'SSB, tabell 07459, hentet 27.11.2026; SSB, tabell 06913' — each source once, in
    order, with the day its figures were fetched when all of them were (a dataset that still
    holds figures copied by hand says so in the notes instead)."""
    return "; ".join(dict.fromkeys(
        tr.pick(d.meta.source) + (tr(", hentet {date}", date=fmt.date(d.meta.retrieved))
                         if d.meta.retrieved and not d.meta.transcribed_from else "")
        for d in datasets))


def source_notes(datasets: list[Dataset], tr: Translator) -> list[str]:
    """Speaker notes for the speaker: where each dataset's figures come from and when they were
    fetched, in the deck's language; nothing of slidegen's own (file paths, commits)."""
    notes = []
    for d in datasets:
        line = tr("Kilde: {source}", source=tr.pick(d.meta.source))
        if d.meta.retrieved:
            line += tr(", hentet {date}", date=fmt.date(d.meta.retrieved))
        if d.meta.transcribed_from:
            line += tr(". Tallene er avskrevet fra {where}", where=tr.pick(d.meta.transcribed_from))
        if d.meta.carried_by:  # «repository · path · commit»: the speaker needs the repository
            repository = d.meta.carried_by.split(" · ")[0]
            line += tr(". Tallene kom via {repository}", repository=repository)
        if d.meta.source_url:
            line += f". {d.meta.source_url}"
        notes.append(line + ".")
    return notes
