"""The location sketch: the park's block and the roads its sheet says it faces, drawn from the
sheet and nothing else, never a map.

The sheet gives a road for some of the four sides (``location.neighbours``: 北临曙光路、南临衡州
大道、东临蒸水南路) and perhaps the corridor the park is on: the sketch draws the block in the
middle, each road as a band along its side with its name in both languages (a visitor's driver
reads the Chinese, the visitor the English), a north arrow, and says in both languages that it
is a schematic, not to scale. Distances, angles, crossings and what lies between are not in
the sheet, so the sketch claims none of them: the roads are straight, equally far from the
block, and no road is drawn on a side the sheet leaves empty. A park whose sheet names no road
gets no sketch.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Optional

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from briefing.layout.styles import styles
from briefing.layout.theme import Theme
from briefing.sheets.schema import Location, Text
from briefing.text import traditional
from briefing.text.typeset import Para, clean
from briefing.text.typeset import paragraph as text_para

if TYPE_CHECKING:
    from briefing.layout.edition import Edition

#: Written on every sketch, in both languages, whatever the edition's.
NOT_TO_SCALE = "示意图，不按比例 / schematic, not to scale"
#: The sketch's height against its width.
SHAPE = 0.56
#: The block's size against the sketch's, and the gap between block and road against the road.
BLOCK_W, BLOCK_H = 0.30, 0.34
ROAD_GAP = 0.8
#: The widest a sketch is drawn: beyond this it only grows emptier.
MAX_WIDTH = 130 * mm


def both(text: Text, chinese: Callable[[Text], str] = lambda text: clean(text.zh)) -> str:
    """曙光路 Shuguang Road: the Chinese name (as ``chinese`` writes it: Traditional in a
    Traditional edition) and the English one (pinyin), once if they are the same."""
    zh, en = chinese(text), clean(text.en or "")
    return zh if not en or en == zh else f"{zh} {en}"


def chinese_of(edition: Edition) -> Callable[[Text], str]:
    """How ``edition`` writes a text's Chinese: as it is, or in its Traditional standard."""
    if not edition.standard:
        return lambda text: clean(text.zh)
    standard = edition.standard
    return lambda text: clean(text.zh_hant or traditional.convert(clean(text.zh), standard))


def has_sketch(location: Optional[Location]) -> bool:
    return bool(location and location.neighbours)


class LocationSketch(Flowable):
    """The block labelled with the park's name, the roads on its sides, a north arrow and the
    "not to scale" note, ``width`` wide (at most ``MAX_WIDTH``), centred in the frame."""

    def __init__(self, location: Location, name: Text, theme: Theme, width: float,
                 chinese: Callable[[Text], str] = lambda text: clean(text.zh)):
        super().__init__()
        self.location, self.name, self.theme, self.chinese = location, name, theme, chinese
        self.width = min(width, MAX_WIDTH)
        s = styles(theme)
        self._road, self._side_style, self._note = s["sketch_road"], s["sketch_label"], s["sketch_note"]
        self._block = s["sketch_block"]
        # The "not to scale" note has a line of its own under the roads, which it would cross.
        self.foot = self._note.leading * 1.5
        self.height = self.width * SHAPE + self.foot
        self.hAlign = "CENTER"

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def split(self, available_width, available_height):
        return []  # a drawing moves to the next page whole

    def draw(self):
        canvas = self.canv
        self._label(self.chinese(Text(NOT_TO_SCALE)), self._note, 0, 0, self.width, middle=False)
        canvas.saveState()
        canvas.translate(0, self.foot)
        self._map(self.width, self.height - self.foot)
        canvas.restoreState()

    def _map(self, w: float, h: float) -> None:
        """The block, its roads and their names, and the north arrow, in ``w`` x ``h``."""
        canvas, theme = self.canv, self.theme
        road = self._road.leading * 1.5  # a road band holds its name on one line
        gap = road * ROAD_GAP
        bw, bh = w * BLOCK_W, h * BLOCK_H
        bx, by = (w - bw) / 2, (h - bh) / 2
        sides = {n.side: n.name for n in self.location.neighbours}
        canvas.saveState()
        canvas.setFillColor(theme.palette.rule)
        bands = {"north": (w * 0.06, by + bh + gap, w * 0.88, road),
                 "south": (w * 0.06, by - gap - road, w * 0.88, road),
                 "east": (bx + bw + gap, h * 0.04, road, h * 0.92), "west": (bx - gap - road, h * 0.04, road, h * 0.92)}
        for side in ("north", "south", "east", "west"):
            if side in sides:
                canvas.rect(*bands[side], stroke=0, fill=1)
        canvas.setFillColor(theme.palette.panel)
        canvas.setStrokeColor(theme.palette.primary)
        canvas.setLineWidth(theme.lines.strong)
        canvas.rect(bx, by, bw, bh, stroke=1, fill=1)
        canvas.restoreState()
        self._label(both(self.name, self.chinese), self._block, bx, by + bh / 2, bw, middle=True)
        for side in ("north", "south"):
            if side in sides:
                x, y, width, height = bands[side]
                self._label(both(sides[side], self.chinese), self._road, x, y + height / 2, width, middle=True)
        if "east" in sides:
            x, _, width, _ = bands["east"]
            right = x + width + gap / 2
            self._label(both(sides["east"], self.chinese), self._side_style, right, by + bh / 2, w - right, middle=True)
        if "west" in sides:
            x, _, _, _ = bands["west"]
            self._label(both(sides["west"], self.chinese), self._side_right(), 0, by + bh / 2, x - gap / 2, middle=True)
        self._north(w - road * 1.2, h - road * 2.2, road)

    def _side_right(self):
        return styles(self.theme)["sketch_label_right"]

    def _label(self, text: str, style, x: float, y: float, width: float, middle: bool) -> None:
        """``text`` set in ``width`` from ``x``, centred on ``y`` (``middle``) or resting on it."""
        para: Para = text_para(text, style)
        _, height = para.wrapOn(self.canv, max(width, style.fontSize * 2), self.height)
        para.drawOn(self.canv, x, y - height / 2 if middle else y)

    def _north(self, x: float, y: float, size: float) -> None:
        """A north arrow: a triangle pointing up, with 北 N above it."""
        canvas, theme = self.canv, self.theme
        canvas.saveState()
        canvas.setFillColor(theme.palette.primary)
        path = canvas.beginPath()
        path.moveTo(x, y + size)
        path.lineTo(x - size * 0.35, y)
        path.lineTo(x + size * 0.35, y)
        path.close()
        canvas.drawPath(path, stroke=0, fill=1)
        canvas.restoreState()
        self._label("北 N", self._block, x - size * 1.5, y + size * 1.3, size * 3, middle=False)


def sketch(location: Optional[Location], name: Text, edition: Edition, width: float) -> list[Flowable]:
    """The sketch in ``edition``, or nothing for a location that names no road."""
    if location is None or not has_sketch(location):
        return []
    return [LocationSketch(location, name, edition.theme, width, chinese_of(edition))]
