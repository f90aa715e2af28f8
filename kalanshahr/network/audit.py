"""The audit trail every app's services write to.

    audit.record(actor, "meetings.resolution.approve", resolution, comment=reason, changes={...})

Call it inside the service's transaction, so the change and its record commit together.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from . import fragments
from .models import AuditEvent


def stored_user(actor):
    """The user to store as who did something: None for the system (management commands, the demo) or anonymous."""
    return actor if getattr(actor, "is_authenticated", False) else None


def record(actor, action, target, *, changes=None, comment=""):
    """Records a change; it also marks the app's data as changed (the action's first part names the app, unless
    the app narrowed the action's key: fragments.narrow), which retires the cached page fragments built on it."""
    _begin("record", action, [target])
    event = _event(actor, action, target, ContentType.objects.get_for_model(target), changes or {}, comment)
    event.save()
    return event


def record_many(actor, action, targets, *, changes=None, comment=""):
    """`record` for many targets of one model at once (a bulk write): one event each, written in one INSERT;
    `changes(target)` gives each its changes."""
    targets = list(targets)
    if not targets:
        return []
    _begin("record_many", action, targets)
    kind = ContentType.objects.get_for_model(targets[0])
    return AuditEvent.objects.bulk_create(
        [_event(actor, action, target, kind, changes(target) if changes else {}, comment) for target in targets],
        batch_size=1000)


def _begin(name, action, targets):
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError(f"audit.{name}() must run inside the service's transaction")
    fragments.bump(*fragments.keys_of(action, targets))


def _event(actor, action, target, kind, changes, comment):
    return AuditEvent(actor=stored_user(actor), action=action, target_type=kind, target_id=str(target.pk),
                      target_repr=str(target)[:200], changes=changes, comment=comment)


def diff(instance, values):
    """{field: [old, new]} for the values that differ from the instance's current ones."""
    return {
        name: [getattr(instance, name), value]
        for name, value in values.items()
        if getattr(instance, name) != value
    }


def apply(instance, values, *, also=()):
    """The update step every service shares: sets on `instance` the `values` that differ from its current ones,
    saves those fields (and `also`) in one UPDATE, and returns {field: [old, new]} for the audit event; nothing is
    saved when nothing differs and `also` is empty."""
    changes = diff(instance, values)
    for name, (_old, new) in changes.items():
        setattr(instance, name, new)
    fields = [*changes, *also]
    if fields:
        instance.save(update_fields=fields)
    return changes


def history(target):
    """The events of one object, newest first, with their actors (one query)."""
    return AuditEvent.objects.filter(
        target_type=ContentType.objects.get_for_model(target), target_id=str(target.pk)
    ).select_related("actor")
