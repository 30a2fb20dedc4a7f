from django.urls import path

from jincun.web import views_imports

urlpatterns = [
    path("imports/stations/", views_imports.import_stations_page, name="import_stations"),
    path("imports/stations/template.csv", views_imports.station_template, name="station_template"),
]
