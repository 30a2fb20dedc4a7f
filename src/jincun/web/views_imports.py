"""Import pages for the hub operator: upload a station table, see what happened to each row."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from jincun.core.choices import Role
from jincun.core.imports import TableError, read_table
from jincun.core.permissions import role_required
from jincun.network.services.stations import import_stations
from jincun.network.station_columns import COLUMNS, require_station_columns, template_csv

MAX_UPLOAD = 5 * 1024 * 1024


@role_required(Role.HUB_OPERATOR)
def import_stations_page(request):
    """GET: the form and the column list. POST: run the import and show the per-row result."""
    context = {"columns": COLUMNS, "report": None, "error": None}
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            context["error"] = _("请选择要上传的 CSV 或 XLSX 文件")
        elif upload.size > MAX_UPLOAD:
            context["error"] = _("文件超过 5 MB，请分批导入")
        else:
            try:
                rows = list(read_table(upload.read(), upload.name))
                require_station_columns(rows)
            except TableError as exc:
                context["error"] = _("无法读取文件：%(error)s") % {"error": exc}
            else:
                context["report"] = import_stations(rows, user=request.user)
                context["filename"] = upload.name
    return render(request, "web/import_stations.html", context, status=400 if context["error"] else 200)


@role_required(Role.HUB_OPERATOR)
def station_template(request):
    response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="stations-template.csv"'
    return response
