"""The hub operator imports a brand's manifest file (CSV/XLSX) and sees what happened to each line.

The same reader and service as the API upload (`/api/v1/parcels/manifests/upload`): a bad line is refused
with its reason, the rest are kept; a waybill not matching the brand's patterns is flagged, not dropped.
"""

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from jincun.core.choices import Role
from jincun.core.imports import TableError
from jincun.core.permissions import role_required
from jincun.network.models import Brand
from jincun.parcels import services
from jincun.parcels.manifest_files import rows_from_file
from jincun.parcels.services.manifests import MAX_FILE_ROWS

MAX_UPLOAD = 10 * 1024 * 1024
STATUS_LABELS = {"created": _("新建"), "updated": _("已更新"), "refused": _("拒绝")}


@role_required(Role.HUB_OPERATOR)
def import_manifest(request):
    context = {"brands": Brand.objects.filter(active=True), "results": None, "error": ""}
    if request.method == "POST":
        brand = Brand.objects.filter(code=request.POST.get("brand", ""), active=True).first()
        context["chosen"] = getattr(brand, "code", "")  # the brand stays chosen for the next file
        upload = request.FILES.get("file")
        if brand is None or upload is None:
            context["error"] = _("请选择品牌和文件")
        elif upload.size > MAX_UPLOAD:
            context["error"] = _("文件超过 10 MB，请分批导入")
        else:
            try:
                good, bad = rows_from_file(upload.read(), upload.name)
            except TableError as exc:
                context["error"] = f"无法读取文件：{exc}"
            if not context["error"] and len(good) + len(bad) > MAX_FILE_ROWS:
                context["error"] = f"文件超过 {MAX_FILE_ROWS} 行，请分批导入"
            if not context["error"]:
                outcomes = services.ingest_manifest_chunks(
                    brand, [row.model_dump() for _, row in good], request.user
                )
                results = [
                    {
                        "line": line,
                        "waybill": o.waybill,
                        "status": o.status,
                        "status_label": STATUS_LABELS.get(o.status, o.status),
                        "reason": o.reason,
                        "message": o.message,
                    }
                    for (line, _), o in zip(good, outcomes, strict=True)
                ]
                results += [
                    {
                        "line": r.index,
                        "waybill": r.waybill,
                        "status": r.status,
                        "status_label": STATUS_LABELS.get(r.status, r.status),
                        "reason": r.reason,
                        "message": r.message,
                    }
                    for r in bad
                ]
                context["results"] = sorted(results, key=lambda r: r["line"])
                context["refused"] = sum(r["status"] == "refused" for r in results)
                context["brand"] = brand
    return render(request, "web/import_manifest.html", context, status=400 if context["error"] else 200)
