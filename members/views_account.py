"""Pages where an organisation's account holders look after their organisation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.services import Refused
from members import services
from members.forms import AffiliationForm, OrganisationForm
from members.models import Affiliation
from members.permissions import can, get_organisation_for_user


@login_required
def dashboard(request):
    affiliations = Affiliation.objects.filter(person=request.user).select_related("organisation")
    organisations = {}
    for affiliation in affiliations:
        organisations.setdefault(affiliation.organisation, []).append(affiliation.get_role_display())
    return render(request, "members/dashboard.html", {"organisations": organisations})


@login_required
@require_http_methods(["GET", "POST"])
def edit_profile(request, slug):
    organisation = get_organisation_for_user(request.user, slug, need="edit")
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(
                actor=request.user,
                organisation=organisation,
                fields=form.service_fields(),
                sectors=list(form.cleaned_data["sectors"]),
            )
        except services.DuplicateName as duplicate:
            form.add_error(
                None,
                _("Another organisation already has this name: %(name)s.") % {"name": duplicate.organisation.name},
            )
        else:
            messages.success(request, _("The profile was saved."))
            return redirect("members:edit_profile", slug=organisation.slug)
    # The form mutated the instance while validating: show the stored values beside the errors.
    organisation.refresh_from_db()
    return render(request, "members/edit_profile.html", {"organisation": organisation, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def people(request, slug):
    organisation = get_organisation_for_user(request.user, slug, need="view")
    may_manage = can(request.user, organisation, "manage_people")
    form = AffiliationForm(request.POST or None)
    if request.method == "POST":
        if not may_manage:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            services.affiliation_add(
                actor=request.user,
                organisation=organisation,
                email=data["email"],
                full_name=data["full_name"],
                role=data["role"],
            )
            messages.success(request, _("The role was given; a new person receives an email to set a password."))
            return redirect("members:people", slug=organisation.slug)
    affiliations = organisation.affiliations.select_related("person").order_by("person__full_name", "role")
    return render(
        request,
        "members/people.html",
        {"organisation": organisation, "affiliations": affiliations, "form": form, "may_manage": may_manage},
    )


@login_required
@require_POST
def people_remove(request, slug, pk):
    organisation = get_organisation_for_user(request.user, slug, need="manage_people")
    affiliation = get_object_or_404(Affiliation, pk=pk, organisation=organisation)
    try:
        services.affiliation_remove(actor=request.user, affiliation=affiliation)
    except Refused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("The role was removed."))
    return redirect("members:people", slug=organisation.slug)
