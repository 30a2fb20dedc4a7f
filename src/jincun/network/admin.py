"""Registry editing on the Django admin. Every model keeps its history (who, when, what changed), shown on
each object's "历史" page by SimpleHistoryAdmin."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin

from jincun.network.models import (
    AdminArea,
    Agreement,
    Assignment,
    Brand,
    CoverageTarget,
    Hub,
    Station,
    TownNode,
)


class HistoryAdmin(SimpleHistoryAdmin):
    """SimpleHistoryAdmin whose history page answers 404 for an id that cannot be a key (it raised a 500)."""

    def history_view(self, request, object_id, extra_context=None):
        try:
            self.model._meta.pk.to_python(unquote(object_id))
        except ValidationError:
            raise Http404("no such object") from None
        return super().history_view(request, object_id, extra_context)


@admin.register(AdminArea)
class AdminAreaAdmin(HistoryAdmin):
    list_display = ("code", "name", "level", "unit_type", "parent", "location_approximate")
    list_filter = ("level", "unit_type", "location_approximate")
    search_fields = ("code", "name", "mca_code")
    raw_id_fields = ("parent",)
    list_select_related = ("parent",)


@admin.register(Hub)
class HubAdmin(HistoryAdmin):
    list_display = ("code", "name", "county", "address")
    search_fields = ("code", "name")
    raw_id_fields = ("county",)


@admin.register(TownNode)
class TownNodeAdmin(HistoryAdmin):
    list_display = ("code", "name", "town", "hub", "service_center_name")
    list_filter = ("hub",)
    search_fields = ("code", "name", "town__name", "service_center_name")
    raw_id_fields = ("town",)
    list_select_related = ("town", "hub")


@admin.register(Station)
class StationAdmin(HistoryAdmin):
    list_display = ("code", "name", "village", "town_node", "kind", "status", "keeper_name", "opened_on",
                    "meets_standard_display")  # fmt: skip
    list_filter = ("status", "kind", "town_node", "location_approximate")
    search_fields = ("code", "name", "village__name", "village__code", "keeper_name", "filing_number")
    raw_id_fields = ("village",)
    list_select_related = ("village", "town_node")
    date_hierarchy = "opened_on"
    fieldsets = (
        (None, {"fields": ("code", "name", "village", "town_node", "kind", "status", "address")}),
        ("负责人与营业", {"fields": ("keeper_name", "keeper_phone", "opens_at", "closes_at", "hours_note")}),
        ("货架与监控", {"fields": ("shelves", "layers", "cameras", "video_platform", "video_heartbeat_at")}),
        ("备案与日期", {"fields": ("filing_number", "filed_on", "opened_on", "suspended_on", "closed_on")}),
        ("位置", {"fields": ("lat", "lon", "location_approximate")}),
    )

    @admin.display(boolean=True, description="达标")
    def meets_standard_display(self, obj):
        return obj.meets_standard


@admin.register(Brand)
class BrandAdmin(HistoryAdmin):
    list_display = ("code", "name", "name_en", "is_postal", "active")
    list_filter = ("is_postal", "active")
    search_fields = ("code", "name", "name_en")


@admin.register(Agreement)
class AgreementAdmin(HistoryAdmin):
    list_display = ("id", "brand", "mode", "village", "town", "station", "valid_from", "valid_to")
    list_filter = ("mode", "brand", ("valid_to", admin.EmptyFieldListFilter))
    search_fields = ("village__name", "village__code", "town__name", "station__code", "station__name", "note")
    raw_id_fields = ("village", "town", "station", "town_node")
    list_select_related = ("brand", "village", "town", "station")
    date_hierarchy = "valid_from"


@admin.register(CoverageTarget)
class CoverageTargetAdmin(HistoryAdmin):
    list_display = ("name", "county", "due", "share")
    list_filter = ("county",)


@admin.register(Assignment)
class AssignmentAdmin(HistoryAdmin):
    list_display = ("user", "hub", "town_node", "station", "brand")
    list_filter = ("brand", "town_node")
    search_fields = ("user__username", "user__display_name", "station__name")
    raw_id_fields = ("station", "villages")
    list_select_related = ("user", "hub", "town_node", "station", "brand")
