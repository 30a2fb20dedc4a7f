from django.apps import AppConfig


class ParcelsConfig(AppConfig):
    name = "jincun.parcels"
    label = "parcels"
    verbose_name = "快件"
    # Menu entries this app adds to the page header: (text, url name, roles allowed or None for everyone).
    nav: list[tuple[str, str, set[str] | None]] = []

    def ready(self):
        from jincun.addressing.review import on_decision, on_ref_labels
        from jincun.parcels.services.address_review import apply_review_decision, waybill_labels

        on_decision(apply_review_decision)
        on_ref_labels(waybill_labels)
