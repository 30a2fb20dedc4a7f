from django.urls import path

from jincun.settlement import views

urlpatterns = [
    path("", views.statement_list, name="statements"),
    path("statements/<str:number>/", views.statement_detail, name="statement"),
    path("statements/<str:number>/statement.pdf", views.statement_pdf, name="statement_pdf"),
    path("statements/<str:number>/statement.xlsx", views.statement_xlsx, name="statement_xlsx"),
    path("statements/<str:number>/do/<str:action>/", views.statement_action, name="statement_action"),
    path("statements/<str:number>/lines/<int:line_id>/dispute/", views.raise_dispute, name="raise_dispute"),
    path("statements/<str:number>/reconcile/", views.reconcile, name="reconcile"),
    path("disputes/<int:pk>/", views.dispute_detail, name="dispute"),
    path("reconciliations/<int:pk>/", views.reconciliation_detail, name="reconciliation"),
    path("tariffs/", views.tariff_list, name="tariffs"),
    path("runs/", views.runs, name="runs"),
    path("runs/table/", views.runs_table, name="runs_table"),
]
