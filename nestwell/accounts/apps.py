from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "nestwell.accounts"
    label = "accounts"
    verbose_name = _("Accounts and households")

    def ready(self):
        from django.db.backends.signals import connection_created

        from nestwell.accounts import signals  # noqa: F401 (connects the receivers)
        from nestwell.lib import pg_times

        # For every app: PostgreSQL's times read by psycopg's compiled loader (lib/pg_times).
        connection_created.connect(pg_times.install, dispatch_uid="nestwell.pg_times")
