"""Making a report: a `Report` row (queued → running → done, with progress), the file under
`<data dir>/reports/`. The background job and `jincun report` both call `make_report`."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from jincun.dashboard.models import Report, ReportStatus
from jincun.dashboard.reports.content import build_content, period_bounds
from jincun.dashboard.reports.pdf import render_pdf
from jincun.dashboard.reports.xlsx import render_xlsx
from jincun.network.page_queries import default_county


def report_dir() -> Path:
    path = Path(settings.DATA_DIR) / "reports"
    path.mkdir(parents=True, exist_ok=True)
    return path


@transaction.atomic
def request_report(period: str, fmt: str, user=None) -> Report:
    """A queued report with its document number (JC-YYYYMM-NNN, numbered per period)."""
    period_bounds(period)
    if fmt not in ("pdf", "xlsx"):
        raise ValueError("format must be pdf or xlsx")
    stem = "JCBG-" + period.replace("-", "")
    taken = Report.objects.filter(number__regex=rf"^{stem}-[0-9]{{3}}$").values_list("number", flat=True)
    count = max((int(n[-3:]) for n in taken), default=0) + 1
    return Report.objects.create(number=f"{stem}-{count:03d}", period=period, fmt=fmt,
                                 requested_by=user if getattr(user, "pk", None) else None)  # fmt: skip


def _progress(report: Report, pct: int) -> None:
    Report.objects.filter(pk=report.pk).update(progress=pct)


def make_report(report: Report) -> Report:
    """Build the file; marks the row done (or failed with the error, never half-written)."""
    county = default_county()
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.RUNNING, progress=5)
    try:
        if county is None:
            raise LookupError("no county loaded")
        content = build_content(county, report.period, lambda pct: _progress(report, pct))
        generated = timezone.localtime().strftime("%Y-%m-%d %H:%M")
        render = render_pdf if report.fmt == "pdf" else render_xlsx
        body = render(content, report.number, generated, county.name)
        path = report_dir() / f"{report.number}.{report.fmt}"
        tmp = path.with_suffix(".part")
        tmp.write_bytes(body)
        tmp.replace(path)
    except Exception as exc:  # the job records why, for the page; the traceback goes to the worker log
        Report.objects.filter(pk=report.pk).update(status=ReportStatus.FAILED, error=str(exc)[:300])
        raise
    Report.objects.filter(pk=report.pk).update(
        status=ReportStatus.DONE, progress=100, file=str(path), finished_at=timezone.now()
    )
    report.refresh_from_db()
    return report
