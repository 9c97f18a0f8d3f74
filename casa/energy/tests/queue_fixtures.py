"""Applications in every state of the review for the queue tests, built through the real
services (fixtures.py): submitted, under review, waiting for and with the tenant's answer,
awaiting a second person, approved, rejected, on the waiting list."""

from casa.energy import decisions
from casa.energy.applying import application_provide_information
from casa.energy.models import Channel

from .fixtures import at_noon, demo_call, household, submit

# The demo call at 50 % of the charge: 200 € gives 100 € (under the threshold), 800 € gives 400 €.
SMALL, LARGE = "200.00", "800.00"


def queue_call(budget="100000.00"):
    return demo_call(budget=budget, four_eyes_above="300.00")


def in_state(call, state, *, officer, tenant_answers=None, minutes=0, isee="12000.00",
             channel=Channel.ONLINE, by=None, charge=None, **household_options):
    """A new household's application moved to `state` by `officer` through the services.
    "answered": the tenant answered a request for information (back under review)."""
    charge = charge or (LARGE if state == "awaiting_confirmation" else SMALL)
    found = household(isee=isee, charge=charge, **household_options)
    application = submit(call, found, by=by or officer, channel=channel, minutes=minutes)
    if state == "under_review":
        decisions.application_start_review(application=application, acting_user=officer)
    elif state in ("needs_information", "answered"):
        decisions.application_request_information(application=application,
                                                  message="Inviate l'ISEE.",
                                                  acting_user=officer)
        if state == "answered":
            application.refresh_from_db()
            application_provide_information(application=application, text="Ecco.",
                                            acting_user=tenant_answers or officer,
                                            now=at_noon(minutes + 1))
    elif state in ("awaiting_confirmation", "approved", "waitlisted"):
        decisions.application_decide(application=application, approve=True,
                                     acting_user=officer)
    elif state == "rejected":
        decisions.application_decide(application=application, approve=False,
                                     note="Non ammissibile.", acting_user=officer)
    application.refresh_from_db()
    return application
