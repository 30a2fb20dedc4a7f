from django.contrib import admin

from jincun.compliance import models


@admin.register(models.RuleFigure)
class RuleFigureAdmin(admin.ModelAdmin):
    list_display = ("key", "value", "note")


@admin.register(models.Inspection)
class InspectionAdmin(admin.ModelAdmin):
    list_display = ("station", "at", "inspector_kind", "fix_by", "fixed_at")
    list_filter = ("inspector_kind",)


@admin.register(models.Complaint)
class ComplaintAdmin(admin.ModelAdmin):
    list_display = ("reference", "channel", "category", "status", "due_on", "escalated_at")
    list_filter = ("status", "category", "channel")
    exclude = ("contact_phone", "contact_name")


@admin.register(models.NoFeeCase)
class NoFeeCaseAdmin(admin.ModelAdmin):
    list_display = ("reference", "station", "reported_at", "amount_fen", "status", "due_on")


@admin.register(models.StubDestruction)
class StubDestructionAdmin(admin.ModelAdmin):
    list_display = ("destroyed_on", "place", "batch", "count", "witness")


@admin.register(models.StationFlag)
class StationFlagAdmin(admin.ModelAdmin):
    list_display = ("station", "kind", "raised_at", "cleared_at")
