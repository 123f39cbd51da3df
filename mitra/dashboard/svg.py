"""Geometry for the compliance charts and the map's no-JavaScript fallback, drawn as SVG by
the templates (no chart library; numbers go out through `|unlocalize` / `stringformat`)."""

from dataclasses import dataclass, field
from typing import Any

# Indonesia's bounding box (longitude 94.5–141.5 E, latitude 11.5 S – 6.5 N).
WEST, EAST, SOUTH, NORTH = 94.5, 141.5, -11.5, 6.5


@dataclass
class Segment:
    x: float
    width: float
    css: str
    value: Any
    label: str


@dataclass
class BarRow:
    label: str
    y: float
    segments: list[Segment] = field(default_factory=list)
    total: Any = 0
    total_x: float = 0


@dataclass
class BarChart:
    width: int
    height: int
    label_width: int
    rows: list[BarRow]
    legend: list[tuple[str, str]]  # (css, label)


def stacked_bars(
    items: list[tuple[str, list[float]]],
    series: list[tuple[str, str]],
    *,
    width: int = 560,
    label_width: int = 230,
    row_height: int = 24,
) -> BarChart:
    """Horizontal stacked bars: items = [(label, [value per series])], series = [(css, label)].
    Every bar is scaled to the largest row total. The default label column fits the 28
    characters the template keeps of a label ("Daerah Istimewa Yogyakarta", "Kementerian Dalam
    Negeri") at the chart's 13px; longer labels end in "…" and show whole on hover."""
    plot = width - label_width - 60
    biggest = max([sum(values) for _label, values in items] + [1])
    rows = []
    for index, (label, values) in enumerate(items):
        y = 6 + index * row_height
        x = float(label_width)
        row = BarRow(label=label, y=y, total=sum(values))
        for (css, name), value in zip(series, values, strict=True):
            w = value / biggest * plot
            if value:
                row.segments.append(
                    Segment(x=round(x, 1), width=round(max(w, 1), 1), css=css, value=value,
                            label=str(name))
                )  # fmt: skip
            x += w
        row.total_x = round(x + 4, 1)
        rows.append(row)
    return BarChart(
        width=width,
        height=12 + len(items) * row_height,
        label_width=label_width,
        rows=rows,
        legend=[(css, str(name)) for css, name in series],
    )


@dataclass
class MapMarker:
    code: str
    name: str
    x: float
    y: float
    r: float
    count: int


def plain_map(
    points: list[dict[str, Any]],
    *,
    context: list[tuple[float, float]] = (),  # type: ignore[assignment]
    width: int = 760,
    height: int = 300,
) -> dict:
    """Markers placed on a plain equirectangular frame of Indonesia, radius by activity count
    (area proportional), over faint dots at every region's centre (`context`) that draw the
    archipelago's shape. Points without a centroid are left out (the table lists them)."""

    def place(lat: float, lon: float) -> tuple[float, float]:
        x = (lon - WEST) / (EAST - WEST) * width
        y = (NORTH - lat) / (NORTH - SOUTH) * height
        return round(x, 1), round(y, 1)

    biggest = max([p["count"] for p in points] + [1])
    markers = []
    for p in points:
        if p["lat"] is None or p["lon"] is None:
            continue
        x, y = place(p["lat"], p["lon"])
        r = 3 + 17 * (p["count"] / biggest) ** 0.5
        markers.append(MapMarker(p["code"], p["name"], x, y, round(r, 1), p["count"]))
    markers.sort(key=lambda m: -m.r)  # big circles first, small ones drawn on top
    dots = [place(lat, lon) for lat, lon in context]
    return {"width": width, "height": height, "markers": markers, "context": dots}
