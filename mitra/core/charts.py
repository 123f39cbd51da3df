"""Geometry for server-drawn SVG charts (no JavaScript needed, CSP-friendly)."""

from dataclasses import dataclass
from datetime import date


@dataclass
class TimelineBar:
    label: str
    sublabel: str
    x: float
    width: float
    y: float
    css: str
    url: str = ""


@dataclass
class Timeline:
    width: int
    height: int
    bars: list[TimelineBar]
    ticks: list[tuple[float, str]]
    today_x: float | None
    windows: list[tuple[float, float, float]]  # x, width, y of renewal windows


def build_timeline(
    rows: list[dict],
    *,
    today: date,
    width: int = 760,
    row_height: int = 34,
    label_width: int = 0,
) -> Timeline:
    """Lay out horizontal bars for rows of {label, sublabel, start, end, css, url, window_start}.

    The axis covers all rows' years plus today, one tick per year.
    """
    dated = [r for r in rows if r.get("start") and r.get("end")]
    if not dated:
        return Timeline(width, 40, [], [], None, [])
    first = min(min(r["start"] for r in dated), today)
    last = max(max(r["end"] for r in dated), today)
    start_year, end_year = first.year, last.year + 1
    span = (date(end_year, 1, 1) - date(start_year, 1, 1)).days or 1
    plot = width - label_width - 10

    def x_of(day: date) -> float:
        return label_width + (day - date(start_year, 1, 1)).days / span * plot

    bars: list[TimelineBar] = []
    windows: list[tuple[float, float, float]] = []
    for index, row in enumerate(dated):
        y = 24 + index * row_height
        x0, x1 = x_of(row["start"]), x_of(row["end"])
        bars.append(
            TimelineBar(
                label=row["label"],
                sublabel=row.get("sublabel", ""),
                x=round(x0, 1),
                width=round(max(x1 - x0, 2), 1),
                y=y,
                css=row.get("css", ""),
                url=row.get("url", ""),
            )
        )
        if row.get("window_start"):
            wx = x_of(row["window_start"])
            windows.append((round(wx, 1), round(max(x1 - wx, 1), 1), y))
    step = 1 if end_year - start_year <= 12 else 5
    ticks = [
        (round(x_of(date(year, 1, 1)), 1), str(year))
        for year in range(start_year, end_year + 1, step)
    ]
    return Timeline(
        width=width,
        height=30 + len(dated) * row_height,
        bars=bars,
        ticks=ticks,
        today_x=round(x_of(today), 1),
        windows=windows,
    )


def bar_percent(value: float | None, maximum: float) -> float:
    """Width of a simple horizontal bar, in percent of its track (0–100, one decimal), for
    `<rect width="…%">` (a value at or above `maximum` fills the track; None or ≤ 0: empty)."""
    if not value or value <= 0 or maximum <= 0:
        return 0.0
    return round(min(float(value) / float(maximum), 1.0) * 100, 1)
