from django.urls import path

from jincun.dashboard import report_views, views

urlpatterns = [
    path("map/", views.network_map, name="map"),
    path("map/data.json", views.map_json, name="map_data"),
    path("map/outline.geojson", views.outline_json, name="outline"),
    path("coverage/", views.coverage, name="coverage"),
    path("coverage/export.<str:fmt>", views.coverage_export, name="coverage_export"),
    path("", views.leadership, name="leadership"),
    path("overview.json", views.leadership_json, name="leadership_json"),
    path("overview/export.<str:fmt>", views.leadership_export, name="leadership_export"),
    path("screen/", views.big_screen, name="big_screen"),
    path("forecast/", views.forecast, name="forecast"),
    path("reports/", report_views.report_list, name="reports"),
    path("reports/<str:number>/download", report_views.report_download, name="report_download"),
]
