from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    """Pages that read across apps for one person ("my tasks"). A top-level app: it reads each app through that
    app's documented access functions, and no app imports it (docs/architecture.md)."""

    name = "kalanshahr.workspace"
    verbose_name = "Workspace"
