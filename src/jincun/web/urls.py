from django.urls import path

from jincun.web import views_imports
from jincun.web.views import (
    handovers,
    hub,
    lookup,
    manifests,
    outbound,
    problems,
    proxy,
    station,
    town,
)

urlpatterns = [
    path("imports/stations/", views_imports.import_stations_page, name="import_stations"),
    path("imports/stations/template.csv", views_imports.station_template, name="station_template"),
    path("lookup/", lookup.lookup, name="lookup"),
    path("hub/scan/", hub.hub_scan, name="hub_scan"),
    path("hub/load/", hub.hub_load, name="hub_load"),
    path("hub/manifests/", manifests.import_manifest, name="import_manifest"),
    path("handovers/", handovers.handover_list, name="handovers"),
    path("handovers/<int:pk>/", handovers.handover_detail, name="handover_detail"),
    path("handovers/<int:pk>/load/", hub.handover_load, name="handover_load"),
    path("handovers/<int:pk>/close/", hub.handover_close, name="handover_close"),
    path("handovers/<int:pk>/check-in/", town.checkin, name="checkin"),
    path("check-in/", town.checkin_lists, name="town_checkin"),
    path("town/load/", town.town_load, name="town_load"),
    path("town/service-center/", town.service_center, name="service_center"),
    path("station/shelve/", station.shelve, name="station_shelve"),
    path("station/counter/", station.counter, name="station_counter"),
    path("station/door/", station.door_signed, name="station_door_signed"),
    path("station/load/", station.station_load, name="station_load"),
    path("station/collect/", outbound.collect, name="collect"),
    path("proxy/", proxy.batch, name="proxy_batch"),
    path("proxy/collect/", proxy.collect, name="proxy_collect"),
    path("proxy/sign-out/", proxy.sign_out, name="proxy_sign_out"),
    path("problems/", problems.queue, name="problems"),
    path("problems/report/", problems.report, name="problem_report"),
    path("problems/<int:pk>/resolve/", problems.resolve, name="problem_resolve"),
]
