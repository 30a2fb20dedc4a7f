"""The fleet, mail routes and frequency policy are data, edited here (with history); plans are read-only."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from jincun.routing.models import (
    CollectionPoint,
    MailRoute,
    MailRouteStop,
    Plan,
    SeasonVehicle,
    Vehicle,
    VillagePolicy,
)


@admin.register(Vehicle)
class VehicleAdmin(SimpleHistoryAdmin):
    list_display = (
        "code",
        "name",
        "kind",
        "hub",
        "town_node",
        "capacity_parcels",
        "cost_per_km_fen",
        "active",
    )
    list_filter = ("kind", "active")
    search_fields = ("code", "name", "plate", "driver_name")
    raw_id_fields = ("hub", "town_node")


class MailRouteStopInline(admin.TabularInline):
    model = MailRouteStop
    raw_id_fields = ("village",)
    extra = 0


@admin.register(MailRoute)
class MailRouteAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "hub", "handover_by", "departs_at", "weekdays")
    inlines = [MailRouteStopInline]


@admin.register(VillagePolicy)
class VillagePolicyAdmin(SimpleHistoryAdmin):
    list_display = ("village", "frequency", "wait_days", "parity")
    list_filter = ("frequency",)
    raw_id_fields = ("village",)


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = (
        "date",
        "status",
        "total_km",
        "total_hours",
        "total_cost_fen",
        "total_parcels",
        "updated_at",
    )
    readonly_fields = [f.name for f in Plan._meta.fields]


@admin.register(CollectionPoint)
class CollectionPointAdmin(SimpleHistoryAdmin):
    list_display = (
        "code",
        "name",
        "kind",
        "town_node",
        "season_from",
        "season_until",
        "boxes_per_day",
        "active",
    )
    list_filter = ("kind", "active", "product")
    search_fields = ("code", "name")
    raw_id_fields = ("town_node",)


@admin.register(SeasonVehicle)
class SeasonVehicleAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "count", "hub", "town_node", "hired_from", "hired_until", "capacity_kg",
                    "cost_per_day_fen")  # fmt: skip
    search_fields = ("code", "name")
    raw_id_fields = ("hub", "town_node")
