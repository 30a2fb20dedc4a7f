from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from jincun.core.models import UnmaskLog, User

admin.site.site_header = "进村 管理"
admin.site.site_title = "进村 管理"
admin.site.index_title = "进村 Jincun"


@admin.register(User)
class JincunUserAdmin(UserAdmin):
    fieldsets = (*UserAdmin.fieldsets, ("进村", {"fields": ("role", "display_name")}))
    list_display = ("username", "display_name", "role", "is_active")
    list_filter = ("role", "is_active")


@admin.register(UnmaskLog)
class UnmaskLogAdmin(admin.ModelAdmin):
    list_display = ("at", "user", "subject", "field", "reason")
    readonly_fields = ("at", "user", "subject", "field", "reason")
