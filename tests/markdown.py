"""Markdown tables as the tests read them from what a script prints (bench/, train/pick_epoch.py)."""

import re

CELL_BORDER = re.compile(r"(?<!\\)\|")  # a "|" between cells (an escaped "\|" is part of a cell)


def cells(line):
    """The cells of one table row, stripped: "| a | b |" → ["a", "b"]."""
    return [cell.strip() for cell in CELL_BORDER.split(line.strip().removeprefix("|").removesuffix("|"))]


def table(text, header):
    """The rows (lists of cells), without the header and its |---| line, of the first table in text whose
    header row starts with `header` (e.g. "| epoch |"); the table ends at the first line that is not a row."""
    lines = text.splitlines()
    start = next((k for k, line in enumerate(lines) if line.startswith(header)), None)
    assert start is not None, f"no table with the header {header!r} in:\n{text}"
    assert re.fullmatch(r"\|(\s*:?-+:?\s*\|)+", lines[start + 1].strip()), lines[start + 1]
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append(cells(line))
    return rows


def table_after(text, heading):
    """The rows of the first table after the line of text that starts with `heading` (e.g. "## 2. Curve")."""
    lines = text.splitlines()
    start = next((k for k, line in enumerate(lines) if line.startswith(heading)), None)
    assert start is not None, f"no line starting with {heading!r} in:\n{text}"
    rest = lines[start + 1 :]
    header = next((line for line in rest if line.startswith("|")), None)
    assert header is not None, f"no table after {heading!r}"
    return table("\n".join(rest), header)
