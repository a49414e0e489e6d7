from __future__ import annotations

from django.urls import path

from dpgkit.web.review import community, reviewing, views

app_name = "review"
urlpatterns = [
    path("home/", views.home, name="home"),
    path("nominations/", views.mine, name="mine"),
    path("nominations/new/", views.start, name="start"),
    path("nominations/<int:pk>/", views.detail, name="detail"),
    path("nominations/<int:pk>/answers/", views.answers, name="answers"),
    path("nominations/<int:pk>/submit/", views.submit, name="submit"),
    path("nominations/<int:pk>/retry/", views.retry, name="retry"),
    path("nominations/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("nominations/<int:pk>/messages/", views.post_message, name="post_message"),
    path("messages/<int:pk>/report/", community.report_message, name="report_message"),
    path("review/", reviewing.queue, name="queue"),
    path("review/<int:pk>/", reviewing.review, name="review"),
    path("review/<int:pk>/assign/", reviewing.assign, name="assign"),
    path("review/<int:pk>/lines/<str:indicator>/", reviewing.review_line, name="review_line"),
    path("review/<int:pk>/decide/", reviewing.decide, name="decide"),
    path("moderation/", community.moderation, name="moderation"),
    path("moderation/messages/<int:pk>/hide/", community.hide_message, name="hide_message"),
    path(
        "moderation/messages/<int:pk>/dismiss/", community.dismiss_reports, name="dismiss_reports"
    ),
    path("moderation/users/<int:pk>/suspend/", community.suspend_user, name="suspend_user"),
    path("audit/", community.audit, name="audit"),
    path("notifications/", community.notifications, name="notifications"),
    path("code-of-conduct/", community.conduct, name="conduct"),
]
