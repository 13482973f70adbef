"""The application's URLs plus the baseline views the benchmarks compare against."""

from django.urls import include, path

from . import baselines

urlpatterns = [
    path("bench/customers/<str:role>/", baselines.customer_list, name="bench_customer_list"),
    path("bench/customer/<int:pk>/", baselines.customer_detail, name="bench_customer_detail"),
    path("", include("config.urls")),
]
