"""The poster (the phone-sized image for WeChat): what its tall page holds."""

import io

from pypdf import PdfReader

from briefing.pipeline.render import render_poster
from briefing.sheets.project import load_project

from helpers import REPO


def text(data: bytes) -> str:
    return "".join(PdfReader(io.BytesIO(data)).pages[0].extract_text().split())


def test_the_poster_fills_its_tall_page_with_the_essentials_below_the_summary():
    """The summary ended half-way down a 1080 × 1920 page; the essentials follow it now, and
    the key figures, the status and the summary are all still there."""
    project = load_project(REPO / "data")
    data, pages = render_poster(project, "mobile-internet", "zh")
    shown = text(data)
    assert pages == 1
    assert "运营方" in shown and "位置" in shown and "重点领域" in shown  # the essentials' labels
    assert "4.2万" in shown and "衡州大道数字经济走廊" in shown  # a key figure and the summary kept
