from django.apps import AppConfig


class SimulationConfig(AppConfig):
    name = "jincun.simulation"
    label = "simulation"
    verbose_name = "县域模拟"
    # Menu entries this app adds to the page header: (text, url name, roles allowed or None for everyone).
    nav: list[tuple[str, str, set[str] | None]] = []
