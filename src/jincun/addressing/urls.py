from django.urls import path

from jincun.addressing import views

urlpatterns = [
    path("review/", views.review_list, name="review"),
    path("review/<int:pk>/decide/", views.review_decide, name="review_decide"),
    path("review/<int:pk>/map.json", views.review_map, name="review_map"),
]
