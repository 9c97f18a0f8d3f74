"""The decision letter (PDF) for download: tenants get their own household's letters, staff
those of the households in their scope; a staff download goes into the audit trail."""

from django.http import Http404, HttpResponse

from casa.accounts.models import Role
from casa.core.access import allow
from casa.core.audit import AuditAction, audit_record
from casa.registry.access import visible_households

from ..letters import decision_letter, letter_available
from ..models import Decision


@allow("energy.view_decision_letter")
def letter(request, pk):
    decision = (Decision.objects
                .select_related("application__call", "application__household")
                .filter(pk=pk, application__household__in=visible_households(request.user))
                .first())
    if decision is None or not letter_available(decision):
        raise Http404
    pdf = decision_letter(decision)
    if request.user.role != Role.TENANT:
        audit_record(actor=request.user, action=AuditAction.VIEW, target=decision.application,
                     changes={"decision_letter": decision.pk})
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"{decision.application.protocol}-decision-{decision.pk}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
