"""Network pages: a municipality, an organization, and their edit forms (the home page is the portal's)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.http import Http404
from django.views.decorators.http import require_POST, require_http_methods, require_safe

from kalanshahr.lib.persian import in_person_order, person_name
from kalanshahr.lib.uploads import serve_private
from kalanshahr.lib.views import next_url, perform, submit

from . import access, audit, reports, services
from .forms import MunicipalityForm, NewOrganizationForm, OrganizationForm
from .models import Membership
from .services import MUNICIPALITY_FIELDS


@require_safe
def municipality_detail(request, slug):
    """One municipality and its organization tree. Template network/municipality_detail.html."""
    municipality = access.get_municipality_for_user(request.user, slug)
    organizations = municipality.organizations.with_related()
    return render(request, "network/municipality_detail.html", {
        "municipality": municipality,
        "organizations": organizations,
        "can_edit": access.can_edit_municipality(request.user, municipality),
        "can_add_organization": access.can_add_organization(request.user, municipality),
    })


@require_safe
def organization_detail(request, slug):
    """An organization: mission, duties, units, members and, for its editors, the audit trail."""
    organization = access.get_organization_for_user(request.user, slug)
    can_edit = access.can_edit_organization(request.user, organization)
    members = []
    if request.user.is_authenticated:
        members = in_person_order(Membership.objects.filter(organization=organization).select_related("user"),
                                  name=lambda member: member.title or person_name(member.user))
    return render(request, "network/organization_detail.html", {
        "organization": organization,
        "duties": organization.duties.all(),
        "units": organization.children.all(),
        "members": members,
        "can_edit": can_edit,
        "history": audit.history(organization)[:20] if can_edit else [],
    })


@login_required
@require_http_methods(["GET", "POST"])
def organization_edit(request, slug):
    organization = access.get_organization_for_user(request.user, slug, write=True)
    initial = {
        "name_fa": organization.name_fa, "name_en": organization.name_en, "mission": organization.mission,
        "duties": list(organization.duties.values_list("text", flat=True)),
    }
    form = OrganizationForm(request.POST or None, initial=initial)
    saved = submit(request, form, lambda data: services.update_organization(request.user, organization, **data),
                   _("The organization was saved."))
    if saved:
        return redirect(saved)
    return render(request, "network/organization_form.html", {
        "form": form, "organization": organization, "cancel_url": organization.get_absolute_url(),
    })


@login_required
@require_http_methods(["GET", "POST"])
def organization_add_unit(request, slug):
    """A new unit under an organization the user may edit."""
    parent = access.get_organization_for_user(request.user, slug, write=True)
    form = NewOrganizationForm(request.POST or None)
    unit = submit(request, form, lambda data: services.create_organization(request.user, parent=parent, **data),
                  _("The new unit was added."))
    if unit:
        return redirect(unit)
    return render(request, "network/organization_form.html", {
        "form": form, "parent": parent, "cancel_url": parent.get_absolute_url(),
    })


@login_required
@require_http_methods(["GET", "POST"])
def municipality_edit(request, slug):
    municipality = access.get_municipality_for_user(request.user, slug, write=True)
    form = MunicipalityForm(request.POST or None, initial={name: getattr(municipality, name) for name in MUNICIPALITY_FIELDS})
    saved = submit(request, form, lambda data: services.update_municipality(request.user, municipality, **data),
                   _("The municipality was saved."))
    if saved:
        return redirect(saved)
    return render(request, "network/municipality_form.html", {
        "form": form, "municipality": municipality, "cancel_url": municipality.get_absolute_url(),
    })


@login_required
@require_POST
def report_request(request):
    """Queues a document for the worker (network/reports.py): `kind`, and the document's own fields."""
    params = {name: value for name, value in request.POST.items() if name not in ("csrfmiddlewaretoken", "kind")}
    report = None

    def ask():
        nonlocal report
        report = reports.request_report(request.user, request.POST.get("kind", ""), params)

    if not perform(request, ask, _("The document is being prepared; you will be told when it is ready.")):
        return redirect(next_url(request, "workspace:my_tasks"))
    return redirect("network:report", report.pk)


@require_safe
@login_required
def report(request, pk):
    """A requested document: "being prepared" (the page asks again every two seconds through htmx), then its
    download link."""
    context = {"report": access.get_report_for_user(request.user, pk)}
    if request.headers.get("HX-Request"):
        return render(request, "network/_report.html", context)
    return render(request, "network/report.html", context)


@require_safe
@login_required
def report_file(request, pk):
    report = access.get_report_for_user(request.user, pk)
    if report.status != report.Status.DONE:
        raise Http404
    return serve_private(report.file, f"{report.filename}.pdf")
