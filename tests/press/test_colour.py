"""Pictures separated for the press through the ICC profile (press/colour.py)."""

import os
from pathlib import Path

from PIL import Image

from briefing.press import colour


def open_profiles() -> list[str]:
    """The ICC files this process holds open."""
    folder = Path(f"/proc/{os.getpid()}/fd")
    held = []
    for fd in folder.iterdir():
        try:
            target = os.readlink(fd)
        except OSError:  # closed while listed
            continue
        if target.endswith(".icc"):
            held.append(target)
    return held


def test_the_press_profile_is_read_into_memory_not_held_open():
    """littleCMS reads a profile opened by its path lazily, from a file forked workers share
    the offset of: two separating at once got "Could not determine profile size"."""
    colour._press.cache_clear()
    colour._press()
    assert open_profiles() == []


def test_an_rgb_photo_is_separated_into_cmyk_with_the_press_profile():
    red = colour.for_print(Image.new("RGB", (2, 2), (255, 0, 0)), cmyk=True)
    assert red.mode == "CMYK"
    c, m, y, k = red.getpixel((0, 0))
    assert c < 10 and 200 < m < 250 and 200 < y < 250 and k < 30  # a press red (0/233/218/9), not 0/255/255/0
    assert "icc_profile" in red.info  # the transform writes the press profile in: read from memory
