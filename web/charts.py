"""Charts drawn on the server as SVG: no JavaScript library, no CDN, nothing to download.

Every text that goes into the SVG is escaped; the result is marked safe only here.
Each chart carries a ``<title>`` and ``role="img"`` with an ``aria-label`` for screen readers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

FONT = 'font-family="Roboto, Noto Sans, Arial, sans-serif"'
INK = "#1d2433"
MUTED = "#5b6475"
GRID = "#e3e7ee"
OPEN_COLOUR = "#2e6fd6"
OVERDUE_COLOUR = "#b42318"
DONE_COLOUR = "#0b8a55"


@dataclass
class Series:
    name: str
    colour: str
    values: Sequence[int]


def _nice_max(value: int) -> int:
    """A round upper bound for an axis (at least 1)."""
    if value <= 5:
        return max(value, 1)
    magnitude = 10 ** (len(str(value)) - 1)
    for step in (1, 2, 2.5, 5, 10):
        top = int(step * magnitude)
        if top >= value:
            return top
    return value


def _ticks(top: int, count: int = 4) -> list[int]:
    if top <= count:
        return list(range(0, top + 1))
    return sorted({round(top * i / count) for i in range(count + 1)})


def _text(x, y, text, *, size=12, anchor="start", colour=INK, weight="normal", extra="") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'fill="{colour}" font-weight="{weight}" {FONT} {extra}>{escape(text)}</text>'
    )


def _legend(series: Sequence[Series], x: float, y: float) -> str:
    parts = []
    for item in series:
        parts.append(
            f'<rect x="{x:.1f}" y="{y - 9:.1f}" width="12" height="12" rx="2" '
            f'fill="{item.colour}"/>'
        )
        parts.append(_text(x + 16, y + 1, item.name, size=12))
        x += 28 + 7.2 * len(item.name)
    return "".join(parts)


def _svg(width: int, height: int, title: str, body: str, testid: str) -> SafeString:
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-label="{escape(title)}" class="tl-chart" '
        f'data-testid="{escape(testid)}"><title>{escape(title)}</title>{body}</svg>'
    )


def column_chart(
    *,
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    x_label: str,
    y_label: str,
    testid: str,
    width: int = 640,
    height: int = 300,
) -> SafeString:
    """Grouped vertical columns: one group per category, one column per series."""
    left, right, top, bottom = 56, 16, 52, 62
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max([0, *(v for s in series for v in s.values)])
    axis_top = _nice_max(peak)
    parts = [_text(left, 22, title, size=15, weight="500"), _legend(series, left, 42)]
    for tick in _ticks(axis_top):
        y = top + plot_h - plot_h * tick / axis_top
        parts.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>'
        )
        parts.append(_text(left - 6, y + 4, str(tick), size=11, anchor="end", colour=MUTED))
    groups = max(len(categories), 1)
    group_w = plot_w / groups
    bar_w = min(28.0, group_w * 0.8 / max(len(series), 1))
    for index, category in enumerate(categories):
        x0 = left + group_w * index + (group_w - bar_w * len(series)) / 2
        for k, item in enumerate(series):
            value = item.values[index]
            h = plot_h * value / axis_top
            x = x0 + k * bar_w
            y = top + plot_h - h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w - 2:.1f}" height="{h:.1f}" '
                f'fill="{item.colour}"><title>{escape(category)} — {escape(item.name)}: '
                f"{value}</title></rect>"
            )
            if value:
                parts.append(
                    _text(
                        x + (bar_w - 2) / 2,
                        y - 3,
                        str(value),
                        size=10,
                        anchor="middle",
                        colour=MUTED,
                    )
                )
        parts.append(
            _text(
                left + group_w * index + group_w / 2,
                top + plot_h + 16,
                category,
                size=11,
                anchor="middle",
            )
        )
    parts.append(
        f'<line x1="{left}" x2="{left + plot_w}" y1="{top + plot_h}" '
        f'y2="{top + plot_h}" stroke="{MUTED}"/>'
    )
    parts.append(
        _text(left + plot_w / 2, height - 10, x_label, size=12, anchor="middle", colour=MUTED)
    )
    parts.append(
        _text(
            14,
            top + plot_h / 2,
            y_label,
            size=12,
            anchor="middle",
            colour=MUTED,
            extra=f'transform="rotate(-90 14 {top + plot_h / 2:.1f})"',
        )
    )
    return _svg(width, height, title, "".join(parts), testid)


def bar_chart(
    *,
    title: str,
    labels: Sequence[str],
    series: Sequence[Series],
    x_label: str,
    testid: str,
    width: int = 640,
) -> SafeString:
    """Horizontal bars, one row per label, the series side by side (e.g. open and overdue)."""
    left, right, top = 170, 40, 56
    row_h = 14 * max(len(series), 1) + 10
    height = top + row_h * max(len(labels), 1) + 44
    plot_w = width - left - right
    peak = max([0, *(v for s in series for v in s.values)])
    axis_top = _nice_max(peak)
    parts = [_text(12, 22, title, size=15, weight="500"), _legend(series, 12, 42)]
    plot_bottom = top + row_h * max(len(labels), 1)
    for tick in _ticks(axis_top):
        x = left + plot_w * tick / axis_top
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{plot_bottom}" stroke="{GRID}"/>'
        )
        parts.append(_text(x, plot_bottom + 14, str(tick), size=11, anchor="middle", colour=MUTED))
    for index, label in enumerate(labels):
        y0 = top + row_h * index + 5
        short = label if len(label) <= 24 else label[:23] + "…"
        parts.append(_text(left - 8, y0 + row_h / 2 - 1, short, size=12, anchor="end"))
        for k, item in enumerate(series):
            value = item.values[index]
            w = plot_w * value / axis_top
            y = y0 + 14 * k
            parts.append(
                f'<rect x="{left}" y="{y:.1f}" width="{w:.1f}" height="12" rx="2" '
                f'fill="{item.colour}"><title>{escape(label)} — {escape(item.name)}: '
                f"{value}</title></rect>"
            )
            parts.append(_text(left + w + 4, y + 10, str(value), size=10, colour=MUTED))
    parts.append(
        _text(left + plot_w / 2, height - 8, x_label, size=12, anchor="middle", colour=MUTED)
    )
    return _svg(width, height, title, "".join(parts), testid)


# --- the schematic map ------------------------------------------------------------------------

# Colour of a tile: overdue cases first (red scale), else open cases (blue scale), else grey.
LEGEND = [
    ("#eef1f5", gettext_lazy("tanpa kasus terbuka")),
    ("#c9dcf7", gettext_lazy("1–2 terbuka")),
    ("#7fa8e8", gettext_lazy("≥ 3 terbuka")),
    ("#f6b3a8", gettext_lazy("1 terlambat")),
    ("#d9483b", gettext_lazy("≥ 2 terlambat")),
]


def tile_colour(open_count: int, overdue: int) -> tuple[str, str]:
    """(fill, text colour) of a tile."""
    if overdue >= 2:
        return LEGEND[4][0], "#ffffff"
    if overdue == 1:
        return LEGEND[3][0], INK
    if open_count >= 3:
        return LEGEND[2][0], INK
    if open_count >= 1:
        return LEGEND[1][0], INK
    return LEGEND[0][0], MUTED


def _counts(item) -> str:
    return _("%(open)d terbuka, %(overdue)d terlambat") % {
        "open": item.open,
        "overdue": item.overdue,
    }


def area_map(*, title: str, groups: Sequence, note: str, testid: str = "map") -> SafeString:
    """A schematic map: one column per kecamatan, one tile per kelurahan, coloured by its open
    and overdue cases; the kecamatan's own cases (no kelurahan named) on its header.
    ``groups`` are ``web.queries.MapGroup``."""
    columns = max(len(groups), 1)
    col_w, gap, tile_h, head_h, top = 176, 10, 40, 54, 40
    rows = max([1, *(len(g.tiles) for g in groups)])
    width = columns * col_w + (columns + 1) * gap
    height = top + head_h + rows * (tile_h + 6) + 70
    parts = [_text(gap, 24, title, size=15, weight="500")]
    for index, group in enumerate(groups):
        x = gap + index * (col_w + gap)
        fill, ink = tile_colour(group.open, group.overdue)
        parts.append(
            f'<g data-area="{escape(group.kecamatan.code)}"><rect x="{x}" y="{top}" '
            f'width="{col_w}" height="{head_h - 6}" rx="6" fill="{fill}" stroke="#98a2b3"/>'
            f"<title>{escape(str(group.kecamatan))}: {escape(_counts(group))}</title>"
            + _text(
                x + 8, top + 19, f"Kec. {group.kecamatan.name}", size=13, weight="500", colour=ink
            )
            + _text(x + 8, top + 38, f"{group.open} / {group.overdue}", size=12, colour=ink)
            + "</g>"
        )
        for k, tile in enumerate(group.tiles):
            y = top + head_h + k * (tile_h + 6)
            fill, ink = tile_colour(tile.open, tile.overdue)
            name = tile.area.name if len(tile.area.name) <= 20 else tile.area.name[:19] + "…"
            parts.append(
                f'<g data-area="{escape(tile.area.code)}" data-open="{tile.open}" '
                f'data-overdue="{tile.overdue}"><rect x="{x}" y="{y}" width="{col_w}" '
                f'height="{tile_h}" rx="4" fill="{fill}" stroke="#ffffff"/>'
                f"<title>{escape(str(tile.area))}: {escape(_counts(tile))}</title>"
                + _text(x + 8, y + 17, name, size=12, colour=ink)
                + _text(x + 8, y + 32, f"{tile.open} / {tile.overdue}", size=11, colour=ink)
                + "</g>"
            )
    y = height - 44
    x = gap
    for colour, label in LEGEND:
        meaning = str(label)
        parts.append(
            f'<rect x="{x}" y="{y}" width="14" height="14" rx="2" fill="{colour}" '
            f'stroke="#98a2b3"/>'
        )
        parts.append(_text(x + 20, y + 12, meaning, size=12))
        x += 40 + 7 * len(meaning)
    parts.append(_text(gap, height - 10, note, size=11, colour=MUTED))
    return _svg(width, height, title, "".join(parts), testid)
