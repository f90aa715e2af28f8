"""The admin as the superuser, on every registered model of ours: each change and each delete goes through a
service and leaves an audit event, or is refused, by the admin's own views (issue #17)."""

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from kalanshahr.network.models import AuditEvent

MODELS = sorted(((model, model_admin) for model, model_admin in admin.site._registry.items()
                 if model.__module__.startswith("kalanshahr.")), key=lambda pair: pair[0]._meta.label)
IDS = [model._meta.label for model, _admin in MODELS]
# A field the change test edits, by model: a visible text change, so the service has something to record.
EDITED = ("name_fa", "title", "mission")


@pytest.fixture
def superuser(users):
    return users["admin"]


def _request(user):
    request = RequestFactory().post("/")
    request.user = user
    return request


def _refused_by_the_admin_view(client, superuser, model, obj, view, data):
    """What the admin's own view answers when the superuser tries anyway: 403, and no audit event."""
    before = AuditEvent.objects.count()
    client.force_login(superuser)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=[obj.pk])
    assert client.post(url, data).status_code == 403
    assert model.objects.filter(pk=obj.pk).exists() and AuditEvent.objects.count() == before


@pytest.mark.parametrize("model,model_admin", MODELS, ids=IDS)
def test_a_delete_goes_through_a_service_or_is_refused(demo, superuser, client, model, model_admin):
    obj = model.objects.first()
    request = _request(superuser)
    if obj is None:  # nothing to try: the admin must then refuse every delete of the model
        assert not model_admin.has_delete_permission(request)
        return
    before = AuditEvent.objects.count()
    if model_admin.has_delete_permission(request, obj):
        model_admin.delete_model(request, obj)
        assert not model.objects.filter(pk=obj.pk).exists()
        assert AuditEvent.objects.count() > before, "the delete left no audit event"
    else:
        _refused_by_the_admin_view(client, superuser, model, obj, "delete", {"post": "yes"})


@pytest.mark.parametrize("model,model_admin", MODELS, ids=IDS)
def test_a_change_goes_through_a_service_or_is_refused(demo, superuser, client, model, model_admin):
    obj = model.objects.first()
    request = _request(superuser)
    if obj is None:  # nothing to try: the admin must then refuse every change of the model
        assert not model_admin.has_change_permission(request)
        return
    before = AuditEvent.objects.count()
    if not model_admin.has_change_permission(request, obj):
        _refused_by_the_admin_view(client, superuser, model, obj, "change", {})
        return
    form_class = model_admin.get_form(request, obj, change=True)
    unbound = form_class(instance=obj)
    data = {name: unbound[name].value() for name in unbound.fields}
    edited = next(name for name in EDITED if name in data)
    data[edited] = f"{data[edited]} (ویرایش)"
    form = form_class(data=data, instance=obj)
    assert form.is_valid(), form.errors
    model_admin.save_model(request, form.save(commit=False), form, True)
    obj.refresh_from_db()
    assert getattr(obj, edited).endswith("(ویرایش)")
    assert AuditEvent.objects.count() > before, "the change left no audit event"


def test_every_model_of_ours_in_the_admin_is_covered():
    assert len(MODELS) >= 20 and "network.Membership" in IDS and "benchmarking.PeerScheme" in IDS
