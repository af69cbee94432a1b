"""Pages where an organisation's account holders look after their organisation, and where an invited person
accepts an invitation to a role."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core import todo
from core.ratelimit import over_limit
from core.services import Refused
from core.views import attempt
from members import selectors, services
from members.forms import InvitationAccountForm, InvitationForm, LanguageForm, OrganisationForm
from members.models import Affiliation, Invitation, Organisation
from members.permissions import NEEDS, can, get_organisation_for_user
from members.views import with_name

# Invitations an organisation may send a day: a team's worth, not a way to mail strangers in bulk.
INVITE_LIMIT = 30


@login_required
@require_safe
def dashboard(request):
    """The person's organisations, each with the pages their roles open (never a link that would answer 403 or
    404), what waits for them or happened lately (core.todo, filled by the apps above members), and the language
    of their emails."""
    affiliations = (
        Affiliation.objects.filter(person=request.user)
        .exclude(organisation__status=Organisation.Status.REJECTED)
        .select_related("organisation")
        .order_by("organisation__name_en", "role")
    )
    organisations = {}
    for affiliation in affiliations:
        entry = organisations.setdefault(affiliation.organisation.pk, {"organisation": affiliation.organisation})
        entry.setdefault("roles", []).append(affiliation.get_role_display())
        entry.setdefault("codes", set()).add(affiliation.role)
    for entry in organisations.values():
        entry["public"] = entry["organisation"].status in Organisation.PUBLIC_STATUSES
        entry["may_edit"] = bool(entry["codes"] & NEEDS["edit"])
    return render(
        request,
        "members/dashboard.html",
        {
            "organisations": list(organisations.values()),
            "todo": todo.items_for(request.user),
            "language_form": LanguageForm(initial={"language": request.user.language}),
        },
    )


@login_required
@require_POST
def language(request):
    form = LanguageForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: services.person_language_set(actor=request.user, language=form.cleaned_data["language"]),
            _("CivNet will write to you in this language."),
        )
    else:
        messages.error(request, _("Choose one of CivNet's languages."))
    return redirect("members:dashboard")


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
            # Another organisation's name is named only if it is public.
            if duplicate.is_public:
                message = with_name(
                    _("Another organisation already has this name: %(name)s."), duplicate.organisation.name
                )
            else:
                message = _("Another organisation already has this name.")
            form.add_error(None, message)
        except Refused as refused:
            form.add_error(None, refused.message)
        else:
            if selectors.pending_name_change(organisation):
                messages.success(
                    request,
                    _(
                        "The profile was saved. The new name is shown once the technical team has reviewed it; "
                        "until then the current name stays."
                    ),
                )
            else:
                messages.success(request, _("The profile was saved."))
            return redirect("members:edit_profile", slug=organisation.slug)
    # The form mutated the instance while validating: show the stored values beside the errors.
    organisation.refresh_from_db()
    return render(
        request,
        "members/edit_profile.html",
        {
            "organisation": organisation,
            "form": form,
            "name_change": selectors.pending_name_change(organisation) or selectors.last_name_change(organisation),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def people(request, slug):
    organisation = get_organisation_for_user(request.user, slug, need="view")
    may_manage = can(request.user, organisation, "manage_people")
    form = InvitationForm(request.POST or None, language=translation.get_language())
    if request.method == "POST":
        if not may_manage:
            raise PermissionDenied
        if over_limit("invite", organisation.slug, limit=INVITE_LIMIT, seconds=86400):
            form.add_error(None, _("Too many invitations were sent today. Please try again tomorrow."))
        elif form.is_valid():
            data = form.cleaned_data
            try:
                invitation = services.invitation_send(
                    actor=request.user,
                    organisation=organisation,
                    email=data["email"],
                    role=data["role"],
                    language=data["language"],
                )
            except Refused as refused:
                form.add_error(None, refused.message)
            else:
                _invitation_sent_message(request, invitation)
                return redirect("members:people", slug=organisation.slug)
    affiliations = organisation.affiliations.select_related("person").order_by("person__full_name", "role")
    return render(
        request,
        "members/people.html",
        {
            "organisation": organisation,
            "affiliations": affiliations,
            # Until they accept, the admins see the address they typed, never whose account it is.
            "invitations": selectors.waiting_invitations(organisation) if may_manage else [],
            "form": form,
            "may_manage": may_manage,
        },
    )


def _invitation_sent_message(request, invitation: Invitation) -> None:
    if invitation.email_error:
        messages.warning(
            request,
            _("The invitation to %(email)s was recorded, but the email could not be sent: %(reason)s")
            % {"email": invitation.email, "reason": invitation.email_error},
        )
    else:
        messages.success(
            request,
            _("An invitation was sent to %(email)s. The role is given once the person accepts it.")
            % {"email": invitation.email},
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


@login_required
@require_POST
def invitation_resend(request, slug, code):
    organisation = get_organisation_for_user(request.user, slug, need="manage_people")
    invitation = get_object_or_404(Invitation, code=code, organisation=organisation, status=Invitation.Status.PENDING)
    if over_limit("invite", organisation.slug, limit=INVITE_LIMIT, seconds=86400):
        messages.error(request, _("Too many invitations were sent today. Please try again tomorrow."))
        return redirect("members:people", slug=organisation.slug)
    try:
        invitation = services.invitation_send(
            actor=request.user,
            organisation=organisation,
            email=invitation.email,
            role=invitation.role,
            language=invitation.language,
        )
    except Refused as refused:
        messages.error(request, refused.message)
    else:
        _invitation_sent_message(request, invitation)
    return redirect("members:people", slug=organisation.slug)


@login_required
@require_POST
def invitation_cancel(request, slug, code):
    organisation = get_organisation_for_user(request.user, slug, need="manage_people")
    invitation = get_object_or_404(Invitation, code=code, organisation=organisation)
    try:
        services.invitation_cancel(actor=request.user, invitation=invitation)
    except Refused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("The invitation was cancelled; its link no longer works."))
    return redirect("members:people", slug=organisation.slug)


@require_http_methods(["GET", "POST"])
def invitation(request, token):
    """The page an invitation's link opens, signed in or not. The address it was sent to accepts it: signed in
    with that address, or, when the address has no account yet, by choosing a name and password here."""
    invitation = selectors.invitation_by_token(token)
    if invitation is None:
        raise Http404
    user = request.user
    has_account = selectors.has_account(invitation.email)
    if not user.is_authenticated and has_account:
        login = reverse("account_login") + "?" + urlencode({"next": request.path})
        return render(request, "members/invitation.html", {"invitation": invitation, "login_url": login})
    wrong_account = user.is_authenticated and user.email.lower() != invitation.email
    form = None if user.is_authenticated else InvitationAccountForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and not wrong_account and (form is None or form.is_valid()):
        try:
            services.invitation_accept(
                invitation=invitation,
                person=user if user.is_authenticated else None,
                full_name=form.cleaned_data["full_name"] if form else "",
                password=form.cleaned_data["password1"] if form else "",
            )
        except Refused as refused:
            messages.error(request, refused.message)
        else:
            if user.is_authenticated:
                messages.success(request, _("You accepted the invitation; the role is yours."))
                return redirect("members:dashboard")
            messages.success(request, _("Your account was created and the role is yours. Sign in to continue."))
            return redirect("account_login")
    return render(
        request,
        "members/invitation.html",
        {"invitation": invitation, "form": form, "wrong_account": wrong_account},
    )
