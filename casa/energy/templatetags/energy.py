"""Template filters of the energy pages and messages: the rule's explanations, rendered in the
language active where the template is (a message is rendered in the household's language)."""

from django import template

from ..explain import isee_wanted_sentence

register = template.Library()


@register.filter
def isee_wanted(wanted):
    """`{{ isee_wanted|isee_wanted }}`: which ISEE declaration would change the outcome."""
    return isee_wanted_sentence(wanted)
