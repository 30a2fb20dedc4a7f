import sys

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _restore_indexes(sender, using="default", **kwargs) -> None:
    """After every migrate: indexes an interrupted bulk load left dropped are made again."""
    from django.db import connections

    from jincun.core.bulk_indexes import restore_deferred_indexes

    if using != "default" or connections[using].vendor != "sqlite":
        return
    for failure in restore_deferred_indexes():
        print(
            f"jincun: an index set aside for a bulk load could not be made again: {failure}", file=sys.stderr
        )


class CoreConfig(AppConfig):
    name = "jincun.core"
    label = "core"
    verbose_name = "基础"
    # Menu entries this app adds to the page header: (text, url name, roles allowed or None for everyone).
    nav: list[tuple[str, str, set[str] | None]] = []

    def ready(self) -> None:
        post_migrate.connect(_restore_indexes, sender=self, dispatch_uid="jincun.core.restore_indexes")
