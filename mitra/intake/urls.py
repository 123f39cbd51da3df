from django.urls import path

from . import import_views, views

app_name = "intake"
urlpatterns = [
    path("new/", views.IntakeNewView.as_view(), name="new"),
    path("<int:pk>/review/", views.IntakeReviewView.as_view(), name="review"),
    path("<int:pk>/", views.IntakeDetailView.as_view(), name="detail"),
    path("import/", import_views.ImportView.as_view(), name="import"),
    path("import/errors.csv", import_views.ImportErrorsView.as_view(), name="import_errors"),
    path(
        "import/template/<slug:kind>.csv",
        import_views.ImportTemplateView.as_view(),
        name="import_template",
    ),
]
