from django.urls import path

from jincun.routing import views

urlpatterns = [
    path("", views.plan_page, name="plan"),
    path("replan/", views.replan, name="replan"),
    path("plans/<date>/lock/", views.lock, name="lock"),
    path("plans/<date>/dispatch.pdf", views.dispatch, name="dispatch"),
    path("compare/", views.compare_page, name="compare"),
]
