from django.urls import path

from jincun.web import views_imports
from jincun.web.views import lookup, webhook_log

urlpatterns = [
    path("imports/stations/", views_imports.import_stations_page, name="import_stations"),
    path("imports/stations/template.csv", views_imports.station_template, name="station_template"),
    path("lookup/", lookup.lookup, name="lookup"),
    path("webhooks/", webhook_log.delivery_log, name="webhook_log"),
    path("webhooks/<int:pk>/resend/", webhook_log.delivery_resend, name="webhook_resend"),
]
