"""Measurement import: every digit and period form, all-or-nothing, verified values kept, lossless round trip,
and hypothesis-generated cells that never crash the parser nor write part of a file."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from hypothesis import HealthCheck, given, settings as hypothesis_settings, strategies as st
from openpyxl import Workbook

from kalanshahr.strategy import services
from kalanshahr.strategy.importer import export_measurements, import_measurements
from kalanshahr.strategy.models import ImportBatch, Measurement, MeasurementRevision
from kalanshahr.network.access import SYSTEM

COMPANY = "tehran-industries-jobs-company"


def csv_file(text):
    return io.BytesIO(text.encode("utf-8"))


def run(text, actor=SYSTEM, **options):
    return import_measurements(actor, csv_file(text), "values.csv", **options)


@pytest.fixture
def indicators(make_indicator):
    return {
        "M": make_indicator("T-MONTH"),
        "Q": make_indicator("T-QUARTER", frequency="quarter"),
        "Y": make_indicator("T-YEAR", frequency="year"),
        "R": make_indicator("T-RATIO", numerator="الف", denominator="ب", multiplier=100),
    }


def test_mixed_digits_separators_and_period_forms(indicators):
    text = (
        "کد شاخص,شهرداری,سازمان,دوره,مقدار,صورت,مخرج,یادداشت\n"
        f"T-MONTH,tehran,{COMPANY},1401-08,\"1,250\",,,لاتین\n"
        f"T-MONTH,تهران,{COMPANY},۱۴۰۱/۰۹,۱۲٬۵۰۰٫۵,,,فارسی\n"
        f"T-MONTH,Tehran,{COMPANY},١٤٠١-١٠,١٢،٣٤٥,,,عربی\n"
        f"t-quarter,tehran,{COMPANY},1401Q3,42,,,\n"
        f"T-QUARTER,tehran,{COMPANY},۱۴۰۱q۴,۴۳,,,\n"
        f"T-YEAR,tehran,{COMPANY},1401,7,,,\n"
        f"T-YEAR,tehran,{COMPANY},۱۴۰۲,۸,,,\n"
        f"T-RATIO,tehran,{COMPANY},1401-08,,۴۵,۶۰,\n"
    )
    result = run(text)
    assert result.ok, [str(e) for e in result.errors]
    assert (result.rows, result.created, result.replaced) == (8, 8, 0)
    values = {(m.indicator.code, m.period): m.value for m in Measurement.objects.filter(indicator__code__startswith="T-")}
    assert values == {
        ("T-MONTH", "1401-08"): Decimal("1250"), ("T-MONTH", "1401-09"): Decimal("12500.5"),
        ("T-MONTH", "1401-10"): Decimal("12345"), ("T-QUARTER", "1401Q3"): Decimal("42"),
        ("T-QUARTER", "1401Q4"): Decimal("43"), ("T-YEAR", "1401"): Decimal("7"), ("T-YEAR", "1402"): Decimal("8"),
        ("T-RATIO", "1401-08"): Decimal("75"),
    }
    assert set(Measurement.objects.filter(indicator__code__startswith="T-").values_list("status", flat=True)) == {"submitted"}


def test_english_headers_and_xlsx(indicators, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Indicator code", "Municipality", "Organization", "Period", "Value", "Note"])
    sheet.append(["T-MONTH", "tehran", COMPANY, "1401-08", 12.5, "from Excel"])
    sheet.append(["T-YEAR", "tehran", COMPANY, 1401, "۹", None])
    path = tmp_path / "values.xlsx"
    workbook.save(path)
    with path.open("rb") as stream:
        result = import_measurements(SYSTEM, stream, "values.xlsx")
    assert result.ok, [str(e) for e in result.errors]
    assert Measurement.objects.get(indicator__code="T-MONTH").value == Decimal("12.5")
    assert Measurement.objects.get(indicator__code="T-YEAR", period="1401").value == Decimal("9")


def test_one_bad_row_among_ten_thousand_writes_nothing(indicators, settings):
    cities = ["tehran", "mashhad", "tabriz", "hamedan", "kermanshah", "ahvaz", "rasht", "isfahan", "shiraz", "zahedan",
              "urmia", "kerman", "qom", "karaj"]
    lines = ["indicator,municipality,organization,period,value"]
    for n in range(10_000):
        month_index = n // len(cities)
        year, month = 1330 + month_index // 12, month_index % 12 + 1
        lines.append(f"T-MONTH,{cities[n % len(cities)]},,{year}-{month:02d},{n}")
    lines[7_777] = "T-MONTH,tehran,,1401-13,5"  # row 7778 of the file (the header is row 1): no 13th month
    before, batches = Measurement.objects.count(), ImportBatch.objects.count()
    result = run("\n".join(lines))
    assert not result.ok and result.error_count == 1
    error = result.errors[0]
    assert (error.row, error.column) == (7_778, "period")
    assert str(error).startswith("ردیف 7778، ستون دوره:") and "row 7778, column period:" in str(error)
    assert Measurement.objects.count() == before
    assert ImportBatch.objects.count() == batches


def test_every_bad_row_is_reported_by_row_and_column(indicators):
    text = ("indicator,municipality,organization,period,value\n"
            f"NOPE,tehran,{COMPANY},1401-08,1\n"
            f"T-MONTH,atlantis,,1401-08,1\n"
            f"T-MONTH,tehran,{COMPANY},1401Q3,1\n"
            f"T-MONTH,tehran,{COMPANY},1401-08,یک\n"
            f"T-MONTH,tehran,{COMPANY},1401-09,\n")
    result = run(text)
    assert [(e.row, e.column) for e in result.errors] == [
        (2, "indicator"), (3, "municipality"), (4, "period"), (5, "value"), (6, "value")]
    assert not Measurement.objects.filter(indicator__code="T-MONTH").exists()


@pytest.mark.parametrize("batch", [2000, 2])
def test_a_repeated_row_is_refused_within_and_across_batches(indicators, monkeypatch, batch):
    from kalanshahr.strategy import importer

    monkeypatch.setattr(importer, "BATCH", batch)
    text = ("indicator,municipality,organization,period,value\n"
            f"T-MONTH,tehran,{COMPANY},1401-10,5\n"
            f"T-MONTH,tehran,{COMPANY},1401-11,5\n"
            f"T-MONTH,tehran,{COMPANY},1401-10,6\n")
    result = run(text)
    assert [(e.row, e.column) for e in result.errors] == [(4, "period")]
    assert not Measurement.objects.filter(indicator__code="T-MONTH").exists()


def test_missing_columns_are_named(indicators):
    result = run("indicator,period\nT-MONTH,1401-08\n")
    assert not result.ok and result.errors[0].row == 1 and "municipality" in str(result.errors[0])


def test_verified_values_are_never_overwritten(indicators, tehran, company):
    services.save_measurement(SYSTEM, indicators["M"], municipality=tehran, organization=company, period="1401-08",
                              value=10, submit=True)
    verified = Measurement.objects.get(indicator=indicators["M"], period="1401-08")
    services.move_measurement(SYSTEM, verified, "verify")
    result = run("indicator,municipality,organization,period,value\n"
                 f"T-MONTH,tehran,{COMPANY},1401-09,5\n"
                 f"T-MONTH,tehran,{COMPANY},1401-08,99\n")
    assert not result.ok and (result.errors[0].row, result.errors[0].column) == (3, "value")
    verified.refresh_from_db()
    assert verified.value == 10 and verified.status == "verified"
    assert not Measurement.objects.filter(indicator=indicators["M"], period="1401-09").exists()


def test_reimport_replaces_unverified_values_and_keeps_history(indicators):
    header = "indicator,municipality,organization,period,value\n"
    assert run(header + f"T-MONTH,tehran,{COMPANY},1401-08,10\n").ok
    result = run(header + f"T-MONTH,tehran,{COMPANY},1401-08,12\n")
    assert (result.created, result.replaced) == (0, 1)
    measurement = Measurement.objects.get(indicator=indicators["M"], period="1401-08")
    assert measurement.value == 12
    assert list(MeasurementRevision.objects.filter(measurement=measurement, action="replace")
                .values_list("value", flat=True)) == [Decimal("10")]


def test_export_then_import_is_lossless(indicators):
    text = ("indicator,municipality,organization,period,value,numerator,denominator,note\n"
            f"T-MONTH,tehran,{COMPANY},1401-08,1250.1234,,,یادداشت، با ویرگول\n"
            f"T-QUARTER,tehran,{COMPANY},1401Q3,-3.5,,,\n"
            f"T-RATIO,tehran,{COMPANY},1401-08,,45,60,\"نقل \"\"قول\"\"\"\n")
    assert run(text).ok
    queryset = Measurement.objects.filter(indicator__code__startswith="T-").order_by("indicator__code", "period")

    def snapshot():
        return [(m.indicator.code, m.subject, m.period, m.value, m.numerator, m.denominator, m.note)
                for m in queryset.select_related("indicator")]

    before = snapshot()
    exported = "".join(export_measurements(queryset))
    queryset.delete()
    result = run(exported)
    assert result.ok, [str(e) for e in result.errors]
    assert snapshot() == before
    assert "".join(export_measurements(queryset)) == exported


def test_access_is_checked_per_row(indicators, users):
    result = run("indicator,municipality,organization,period,value\n"
                 f"T-MONTH,tehran,{COMPANY},1401-08,1\n", actor=users["mashhad_editor"])
    assert not result.ok and result.errors[0].column == "municipality"
    before = timezone.now()
    assert run("indicator,municipality,organization,period,value,note\n"
               f"T-MONTH,tehran,{COMPANY},1401-08,1,50% of the year\n", actor=users["tehran_urban_services"]).ok
    # The columns every row shares are written into the INSERT as literals: check each arrived.
    stored = Measurement.objects.get(indicator__code="T-MONTH")
    batch = ImportBatch.objects.latest("pk")
    assert (stored.entered_by, stored.batch, stored.status, stored.note, stored.explanation, stored.return_reason) == (
        users["tehran_urban_services"], batch, "submitted", "50% of the year", "", "")
    assert before <= stored.updated <= timezone.now() and not stored.evidence


def test_command_exit_codes_and_dry_run(indicators, tmp_path):
    good = tmp_path / "good.csv"
    good.write_text(f"indicator,municipality,organization,period,value\nT-MONTH,tehran,{COMPANY},1401-08,1\n",
                    encoding="utf-8")
    out = io.StringIO()
    call_command("import_measurements", str(good), "--dry-run", stdout=out)
    assert "dry run" in out.getvalue() and not Measurement.objects.filter(indicator__code="T-MONTH").exists()
    call_command("import_measurements", str(good), stdout=out)
    assert "1 created" in out.getvalue() and Measurement.objects.filter(indicator__code="T-MONTH").exists()
    bad = tmp_path / "bad.csv"
    bad.write_text(f"indicator,municipality,organization,period,value\nT-MONTH,tehran,{COMPANY},1401-08,x\n",
                   encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_measurements", str(bad), stderr=err)
    assert "ردیف 2، ستون مقدار" in err.getvalue()
    with pytest.raises(CommandError):
        call_command("import_measurements", str(tmp_path / "missing.csv"))


CELL = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["T-MONTH", "t-month", "T-QUARTER", "tehran", "تهران", COMPANY, "1401-08", "۱۴۰۱/۰۸", "1401Q3",
                     "1401", "1401-13", "۱۲٬۵۰۰", "1,2,3", "", "-", "NaN", "1e999", "٫", "\x00", "\u200c"]),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
)


@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(CELL, min_size=0, max_size=7), min_size=1, max_size=12))
def test_generated_files_never_crash_nor_write_part(indicators, rows):
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["indicator", "municipality", "organization", "period", "value"])
    writer.writerows(rows)
    before = Measurement.objects.count()
    result = run(buffer.getvalue())
    after = Measurement.objects.count()
    if result.ok:
        assert after - before == result.created
    else:
        assert after == before and result.errors
        assert all(e.row >= 1 and e.column for e in result.errors)
    Measurement.objects.filter(indicator__code__startswith="T-").delete()


class _Upload(io.BytesIO):
    """What Django hands a view for an uploaded file, as far as the staging service reads it."""

    def __init__(self, name, data):
        super().__init__(data)
        self.name = name

    def chunks(self):
        yield self.getvalue()


def test_a_staged_upload_is_kept_only_when_its_dry_run_passes_and_is_gone_after_the_import(
        indicators, users, settings, tmp_path):
    """One intent, one service: the import page's two steps (strategy.imports.stage_import / import_staged)."""
    from kalanshahr.strategy.imports import import_staged, stage_import

    settings.PRIVATE_MEDIA_ROOT = tmp_path
    editor = users["tehran_editor"]
    header = "کد شاخص,شهرداری,سازمان,دوره,مقدار,صورت,مخرج,یادداشت\n"
    bad = _Upload("bad.csv", (header + f"T-MONTH,tehran,{COMPANY},1401-13,5,,,\n").encode())
    token, result = stage_import(editor, bad)
    assert token is None and not result.ok and not list((tmp_path / "imports").iterdir())
    good = _Upload("good.csv", (header + f"T-MONTH,tehran,{COMPANY},1401-08,5,,,\n").encode())
    token, result = stage_import(editor, good)
    assert token and result.ok and result.dry_run and not Measurement.objects.filter(indicator__code="T-MONTH")
    assert [path.name for path in (tmp_path / "imports").iterdir()] == [token]
    result = import_staged(editor, token, "good.csv")
    assert result.ok and Measurement.objects.filter(indicator__code="T-MONTH", period="1401-08").exists()
    assert not list((tmp_path / "imports").iterdir())
    assert import_staged(editor, token, "good.csv") is None  # confirmed twice: nothing left to import
