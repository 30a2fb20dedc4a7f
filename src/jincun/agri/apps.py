from django.apps import AppConfig


class AgriConfig(AppConfig):
    name = "jincun.agri"
    label = "agri"
    verbose_name = "农产品项目"

    def ready(self):
        from jincun.routing.products import register_product_lookup

        # A parcel's farm product is its project's: routing (below agri) reads it through this ORM path.
        register_product_lookup("project_link__project__product")
