from django.urls import path

from . import views

urlpatterns = [
    path("", views.my_cases, name="home"),
    path("kasus/<int:case_id>/", views.case_detail, name="case-detail"),
]
