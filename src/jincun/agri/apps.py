from django.apps import AppConfig


class AgriConfig(AppConfig):
    name = "jincun.agri"
    label = "agri"
    verbose_name = "农产品项目"
