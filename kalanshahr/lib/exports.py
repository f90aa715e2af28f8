"""Tables as CSV or XLSX downloads: Persian headers, Jalali dates, right-to-left sheets."""

import csv
import datetime
import io

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

from .jalali import jalali_input_value

FORMATS = ("csv", "xlsx")


def _cell(value):
    if isinstance(value, datetime.datetime):
        return jalali_input_value(value)
    if isinstance(value, datetime.date):
        return jalali_input_value(value)
    return "" if value is None else value


def table_response(fmt, filename, headers, rows):
    """An attachment named `filename`.csv/.xlsx; dates become Jalali «1401/08/09»."""
    rows = [[_cell(v) for v in row] for row in rows]
    if fmt == "xlsx":
        workbook = Workbook()
        sheet = workbook.active
        sheet.sheet_view.rightToLeft = True
        sheet.append(headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    else:
        buffer = io.StringIO()
        # The BOM makes spreadsheet programs read the file as UTF-8 rather than a legacy code page.
        buffer.write("\ufeff")
        writer = csv.writer(buffer)
        writer.writerow(headers)
        writer.writerows(rows)
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
