"""Aliases and brand sort codes are data the operator edits; the review queue is visible for audit."""

from django.contrib import admin

from jincun.addressing.choices import AliasSource
from jincun.addressing.models import AddressReview, Alias, BrandSortCode
from jincun.addressing.normalize import normalize


@admin.register(Alias)
class AliasAdmin(admin.ModelAdmin):
    list_display = ("text", "area", "source", "created_by", "created_at", "note")
    list_filter = ("source",)
    search_fields = ("text", "area__name", "area__code")
    raw_id_fields = ("area",)
    readonly_fields = ("created_by", "created_at", "updated_at")

    def save_model(self, request, obj, form, change):
        obj.text = normalize(obj.text).replace(" ", "") or obj.text
        if not change:
            obj.created_by = request.user
            obj.source = obj.source or AliasSource.OPERATOR
        super().save_model(request, obj, form, change)


@admin.register(BrandSortCode)
class BrandSortCodeAdmin(admin.ModelAdmin):
    list_display = ("brand", "segment", "pattern", "station", "town_node", "priority", "note")
    list_filter = ("brand", "segment")
    search_fields = ("pattern", "note")
    raw_id_fields = ("station", "town_node")


@admin.register(AddressReview)
class AddressReviewAdmin(admin.ModelAdmin):
    list_display = (
        "fragment",
        "town_code",
        "status_seen",
        "occurrences",
        "decided_area",
        "decided_by",
        "decided_at",
    )
    list_filter = ("status_seen",)
    search_fields = ("fragment", "sample_address")
    raw_id_fields = ("decided_area", "alias")
    readonly_fields = ("first_seen", "last_seen", "decided_by", "decided_at")
