"""Cells for CSV and XLSX files that are safe to open in a spreadsheet (issue 13 §5).

A spreadsheet runs a text cell that starts with `=`, `+`, `-` or `@` (and, after a tab or a
carriage return, what follows) as a formula: `=HYPERLINK(...)` in an organization's name would
become a live link in a reader's Excel. OWASP's advice: prefix such text with a single quote.
Every exporter writes its cells through these helpers; numbers and dates keep their type.
"""

from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """The value, with text that a spreadsheet would read as a formula quoted."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def safe_row(values: Any) -> list[Any]:
    return [safe_cell(v) for v in values]


def xlsx_row(sheet: Any, values: Any) -> list[Any]:
    """Cells for an openpyxl write-only `sheet`: text always stored as a string, never as a
    formula (openpyxl reads a leading `=` as one), other values as they are."""
    from openpyxl.cell import WriteOnlyCell

    cells = []
    for value in values:
        if isinstance(value, str):
            cell = WriteOnlyCell(sheet, value=safe_cell(value))
            cell.data_type = "s"
            cells.append(cell)
        else:
            cells.append(value)
    return cells
