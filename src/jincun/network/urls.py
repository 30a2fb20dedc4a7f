from django.urls import path

from jincun.network import views

urlpatterns = [
    path("stations/", views.station_list, name="station_list"),
    path("stations/<str:code>/", views.station_detail, name="station_detail"),
    path("villages/", views.village_list, name="village_list"),
    path("villages/<str:code>/", views.village_detail, name="village_detail"),
]
