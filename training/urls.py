"""Training URLs: one block per subject."""

app_name = "training"

urlpatterns = []
