"""Parcels, handover lists and problems on the admin: to look up and audit, read-only. Every change to a
parcel goes through the named services (scan events), so the admin offers no add, edit or delete here."""

from django.contrib import admin

from jincun.parcels.models import HandoverItem, HandoverList, Parcel, Problem, ScanEvent


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class EventInline(admin.TabularInline):
    model = ScanEvent
    fields = (
        "at",
        "event_type",
        "result",
        "reason",
        "state_after",
        "place_name",
        "operator_name",
        "raw_text",
    )
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ("id",)

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Parcel)
class ParcelAdmin(ReadOnlyAdmin):
    list_display = ("waybill", "brand", "direction", "state", "village", "station", "pickup_code", "state_at")
    list_filter = ("direction", "state", "brand", "route_kind", "brand_mismatch")
    search_fields = ("waybill", "pickup_code", "recipient_phone")
    list_select_related = ("brand", "village", "station")
    date_hierarchy = "created_at"
    inlines = [EventInline]
    show_full_result_count = False


class ItemInline(admin.TabularInline):
    model = HandoverItem
    fields = ("parcel", "expected", "loaded_at", "arrived_at", "resolution", "resolved_at")
    readonly_fields = fields
    raw_id_fields = ("parcel",)
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(HandoverList)
class HandoverListAdmin(ReadOnlyAdmin):
    list_display = ("number", "kind", "status", "from_name", "to_name", "expected_count", "received_count",
                    "missing_count", "extra_count", "carrier", "opened_at")  # fmt: skip
    list_filter = ("kind", "status", "from_kind", "to_kind")
    search_fields = ("number", "from_name", "to_name", "carrier")
    date_hierarchy = "opened_at"
    inlines = [ItemInline]


@admin.register(Problem)
class ProblemAdmin(ReadOnlyAdmin):
    list_display = (
        "parcel",
        "reason",
        "tier",
        "place_code",
        "handover",
        "opened_at",
        "resolved_at",
        "resolution",
    )
    list_filter = ("reason", "tier", "resolution")
    search_fields = ("parcel__waybill", "place_code", "note")
    list_select_related = ("parcel__brand", "handover")
    raw_id_fields = ("parcel", "handover", "resolution_event")
    date_hierarchy = "opened_at"
