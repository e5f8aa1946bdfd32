"""The funnel of clients who agreed to share, as a small PNG bar chart (Pillow): one group of bars
per week, one bar per stage. Those who did not agree are never charted by week."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

from bot import strings
from bot.staff.funnel import STAGE_LABELS, STAGES, Funnel

WIDTH, HEIGHT = 720, 360
_MARGIN_LEFT, _MARGIN_RIGHT, _MARGIN_TOP, _MARGIN_BOTTOM = 40, 16, 44, 40
COLOURS = {
    "started": (120, 144, 156),
    "matched": (66, 133, 244),
    "planned": (251, 188, 5),
    "went": (52, 168, 83),
    "no_answer": (219, 68, 55),
}


def funnel_chart(funnel: Funnel) -> bytes:
    """A PNG of the weekly funnel, with a legend and the largest count on the axis."""
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default()
    _draw_legend(draw, font)
    top = max([1, *(max(counts.values()) for _, counts in funnel.shared_weeks)])
    plot_w = WIDTH - _MARGIN_LEFT - _MARGIN_RIGHT
    plot_h = HEIGHT - _MARGIN_TOP - _MARGIN_BOTTOM
    base_y = HEIGHT - _MARGIN_BOTTOM
    draw.line([(_MARGIN_LEFT, base_y), (WIDTH - _MARGIN_RIGHT, base_y)], fill="black")
    draw.text((4, _MARGIN_TOP - 6), str(top), fill="black", font=font)
    draw.text((4, base_y - 6), "0", fill="black", font=font)
    slot = plot_w / max(1, len(funnel.shared_weeks))
    bar = slot * 0.8 / len(STAGES)
    for index, (start, counts) in enumerate(funnel.shared_weeks):
        x0 = _MARGIN_LEFT + index * slot + slot * 0.1
        for position, stage in enumerate(STAGES):
            height = plot_h * counts[stage] / top
            left = x0 + position * bar
            if counts[stage]:
                draw.rectangle(
                    [(left, base_y - height), (left + bar - 1, base_y - 1)], fill=COLOURS[stage]
                )
        draw.text((x0, base_y + 6), f"{start:%d %b}", fill="black", font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _draw_legend(
    draw: ImageDraw.ImageDraw, font: ImageFont.ImageFont | ImageFont.FreeTypeFont
) -> None:
    x = _MARGIN_LEFT
    draw.text((x, 6), strings.CHART_TITLE, fill="black", font=font)
    for stage in STAGES:
        draw.rectangle([(x, 24), (x + 10, 34)], fill=COLOURS[stage])
        draw.text((x + 14, 23), STAGE_LABELS[stage], fill="black", font=font)
        x += 24 + int(draw.textlength(STAGE_LABELS[stage], font=font))
