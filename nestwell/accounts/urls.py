from django.urls import path

from nestwell.accounts import views

app_name = "accounts"

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("account/", views.account, name="account"),
    path("account/measures/", views.set_measures, name="measures"),
    path("account/sign-out-elsewhere/", views.sign_out_elsewhere, name="sign_out_elsewhere"),
    path("account/tokens/", views.api_tokens, name="api_tokens"),
    path("account/tokens/<int:pk>/revoke/", views.api_token_revoke, name="api_token_revoke"),
    path("account/password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password-reset/sent/", views.PasswordResetDoneView.as_view(),
         name="password_reset_done"),
    path("password-reset/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("household/new/", views.create_household, name="create_household"),
    path("household/", views.household_settings, name="settings"),
    path("household/<int:household_id>/switch/", views.switch_household, name="switch"),
    path("household/<int:household_id>/leave/", views.leave_household, name="leave"),
    path("household/invitations/", views.invitation_create, name="invite"),
    path("household/invitations/<int:pk>/revoke/", views.invitation_revoke,
         name="invitation_revoke"),
    path("household/members/<int:pk>/", views.member_update, name="member_update"),
    path("join/<str:token>/", views.join, name="join"),
    path("theme/", views.set_theme, name="theme"),
    path("language/", views.set_language, name="language"),
]
