"""Spreadsheets the back office exports, safe to open: no cell becomes a formula, and no
character Excel or openpyxl refuses breaks the file.

A registrant types their organisation's name and proposal on the public form; a name such
as =HYPERLINK("http://…") would otherwise run as a formula in the desk's spreadsheet (CSV
injection), and a control character makes openpyxl refuse to write the XLSX at all.
"""

from import_export.formats import base_formats
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

# What a spreadsheet reads as the start of a formula in a CSV cell (OWASP); in an XLSX
# cell only "=" is one (openpyxl writes other strings as text).
CSV_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_FORMULA_STARTS = ("=",)


def safe_cell(value, formula_starts):
    """A string that is shown as typed and never run: illegal characters replaced, and a
    leading apostrophe before what would start a formula."""
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("\N{REPLACEMENT CHARACTER}", value)
    return f"'{value}" if value.startswith(formula_starts) else value


def _safe_dataset(dataset, formula_starts):
    safe = dataset.__class__(headers=dataset.headers, title=dataset.title)
    for row in dataset:
        safe.append([safe_cell(cell, formula_starts) for cell in row])
    return safe


class SafeXLSX(base_formats.XLSX):
    def export_data(self, dataset, **kwargs):
        return super().export_data(_safe_dataset(dataset, XLSX_FORMULA_STARTS), **kwargs)


class SafeCSV(base_formats.CSV):
    """CSV with a UTF-8 byte-order mark, so that Excel opens accents and Cyrillic
    correctly."""

    def export_data(self, dataset, **kwargs):
        return "\ufeff" + super().export_data(_safe_dataset(dataset, CSV_FORMULA_STARTS), **kwargs)


class SafeSpreadsheetsMixin:
    """For every ModelAdmin that imports or exports: only these two formats, both ways
    (the other formats of django-import-export are neither needed nor checked)."""

    def get_export_formats(self):
        return [SafeXLSX, SafeCSV]

    def get_import_formats(self):
        return [base_formats.CSV, base_formats.XLSX]
