from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.MitraLoginView.as_view(), name="login"),
    path("login/code/", views.LoginCodeView.as_view(), name="login_code"),
    path("logout/", views.MitraLogoutView.as_view(), name="logout"),
    path("logout/everywhere/", views.LogoutEverywhereView.as_view(), name="logout_everywhere"),
    path("me/", views.AccountView.as_view(), name="account"),
    path("me/tokens/", views.TokenCreateView.as_view(), name="token_create"),
    path("me/tokens/<int:pk>/revoke/", views.TokenRevokeView.as_view(), name="token_revoke"),
    path("me/second-factor/", views.MfaSetupView.as_view(), name="mfa_setup"),
    path(
        "me/second-factor/recovery-codes/",
        views.MfaRecoveryCodesView.as_view(),
        name="mfa_recovery_codes",
    ),
    path("me/second-factor/off/", views.MfaDisableView.as_view(), name="mfa_disable"),
    path("me/password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password-reset/sent/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password-reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
