from __future__ import annotations

from django.urls import path

from dpgkit.web.review import views

app_name = "review"
urlpatterns = [
    path("home/", views.home, name="home"),
    path("nominations/", views.mine, name="mine"),
    path("nominations/new/", views.start, name="start"),
    path("nominations/<int:pk>/", views.detail, name="detail"),
    path("nominations/<int:pk>/answers/", views.answers, name="answers"),
    path("nominations/<int:pk>/submit/", views.submit, name="submit"),
    path("nominations/<int:pk>/retry/", views.retry, name="retry"),
    path("nominations/<int:pk>/messages/", views.post_message, name="post_message"),
    path("messages/<int:pk>/report/", views.report_message, name="report_message"),
    path("review/", views.queue, name="queue"),
    path("review/<int:pk>/", views.review, name="review"),
    path("review/<int:pk>/assign/", views.assign, name="assign"),
    path("review/<int:pk>/lines/<str:indicator>/", views.review_line, name="review_line"),
    path("review/<int:pk>/decide/", views.decide, name="decide"),
    path("moderation/", views.moderation, name="moderation"),
    path("moderation/messages/<int:pk>/hide/", views.hide_message, name="hide_message"),
    path("moderation/messages/<int:pk>/dismiss/", views.dismiss_reports, name="dismiss_reports"),
    path("moderation/users/<int:pk>/suspend/", views.suspend_user, name="suspend_user"),
    path("audit/", views.audit, name="audit"),
    path("notifications/", views.notifications, name="notifications"),
    path("code-of-conduct/", views.conduct, name="conduct"),
]
