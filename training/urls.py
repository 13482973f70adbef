"""Training URLs: one block per subject."""

from django.urls import path

from core.routing import object_urls

from .views import online

app_name = "training"

urlpatterns = []

# --- online learning ------------------------------------------------------------------------
urlpatterns += [
    path("online/", online.MyLearningView.as_view(), name="online_learning"),
    path("online/courses/<int:course_pk>/", online.PlayerView.as_view(), name="online_course"),
    path(
        "online/units/<int:unit_pk>/progress/",
        online.ProgressView.as_view(),
        name="online_progress",
    ),
    path(
        "online/courses/<int:course_pk>/test/start/",
        online.TestStartView.as_view(),
        name="online_test_start",
    ),
    path("online/attempts/<int:pk>/", online.TestAttemptView.as_view(), name="testattempt"),
    path(
        "online/attempts/<int:pk>/<str:op>/",
        online.AttemptAnswerPostView.as_view(),
        name="testattempt_answer",
    ),
    path("online/attempts/", online.TestAttemptListView.as_view(), name="testattempt_list"),
    *object_urls(
        "learningresource",
        "online/resources",
        list=online.LearningResourceListView,
        add=online.LearningResourceEditView,
        edit=online.LearningResourceEditView,
    ),
    path(
        "online/resources/<int:pk>/file/",
        online.LearningResourceFileView.as_view(),
        name="learningresource_file",
    ),
    path("online/manage/", online.OnlineCourseListView.as_view(), name="onlinecourse_list"),
    path(
        "online/manage/<int:course_pk>/units/",
        online.CourseUnitListView.as_view(),
        name="courseunit_list",
    ),
    path(
        "online/manage/<int:course_pk>/units/add/",
        online.CourseUnitEditView.as_view(),
        name="courseunit_add",
    ),
    path(
        "online/units/<int:pk>/edit/", online.CourseUnitEditView.as_view(), name="courseunit_edit"
    ),
    path(
        "online/units/<int:pk>/<str:op>/",
        online.CourseUnitPostView.as_view(),
        name="courseunit_action",
    ),
    path(
        "online/manage/<int:course_pk>/test-settings/",
        online.OnlineTestEditView.as_view(),
        name="onlinetest_edit",
    ),
    path(
        "online/manage/<int:course_pk>/results/",
        online.CourseResultsView.as_view(),
        name="online_results",
    ),
    path("online/questions/", online.QuestionListView.as_view(), name="question_list"),
    path(
        "online/manage/<int:course_pk>/questions/add/",
        online.QuestionEditView.as_view(),
        name="question_add",
    ),
    path(
        "online/questions/<int:pk>/edit/", online.QuestionEditView.as_view(), name="question_edit"
    ),
    path(
        "online/manage/<int:course_pk>/questions/import/",
        online.QuestionImportView.as_view(),
        name="question_import",
    ),
    path(
        "online/manage/<int:course_pk>/questions/template/",
        online.QuestionImportTemplateView.as_view(),
        name="question_import_template",
    ),
]
