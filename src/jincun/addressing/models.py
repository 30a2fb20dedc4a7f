from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jincun.addressing.choices import AliasSource


class Alias(models.Model):
    """Another name people write for a village unit or a town: a hamlet (自然村), an old name, a misspelling.

    `text` is stored normalized (`jincun.addressing.normalize`); the gazetteer treats it as a full place name.
    The same text may point at two places (a hamlet name used in two towns): the resolver then says ambiguous
    unless the address names the town.
    """

    text = models.CharField(_("别名"), max_length=64, db_index=True)
    area = models.ForeignKey("network.AdminArea", on_delete=models.CASCADE, related_name="aliases")
    source = models.CharField(
        _("来源"), max_length=16, choices=AliasSource.choices, default=AliasSource.IMPORTED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("地名别名")
        verbose_name_plural = verbose_name
        ordering = ["text"]
        constraints = [models.UniqueConstraint(fields=["text", "area"], name="alias_unique_text_area")]

    def __str__(self) -> str:
        return f"{self.text} → {self.area.name}"
