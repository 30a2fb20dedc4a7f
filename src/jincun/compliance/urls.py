from django.urls import path

from jincun.compliance import views, views_cases

urlpatterns = [
    path("", views.overview, name="overview"),
    path("stations/<str:code>/", views.station, name="station"),
    path("stations/<str:code>/inspect/", views.inspect, name="inspect"),
    path("inspections/<int:pk>/", views.inspection, name="inspection"),
    path("inspections/<int:pk>/fixed/", views.inspection_fixed, name="inspection_fixed"),
    path("photos/<int:pk>/", views.photo, name="photo"),
    path("consent-gaps/", views.consent_gaps, name="consent_gaps"),
    path("export/<str:name>.<str:fmt>", views.export, name="export"),
    path("complaints/", views_cases.complaint_list, name="complaints"),
    path("complaints/<str:reference>/", views_cases.complaint, name="complaint"),
    path("complain/", views_cases.complain, name="complain"),
    path("complain/status/", views_cases.complaint_status, name="complaint_status"),
    path("fee/", views_cases.report_fee, name="report_fee"),
    path("fee-cases/", views_cases.fee_cases, name="fee_cases"),
    path("fee-cases/<str:reference>/settle/", views_cases.settle_fee_case, name="settle_fee_case"),
    path("stubs/", views_cases.stub_log, name="stubs"),
    path("unmasks/", views_cases.unmask_log, name="unmask_log"),
]
