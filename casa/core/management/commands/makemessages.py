"""Django's makemessages without gettext's fuzzy matching (issue 12): a new message starts
untranslated in every catalogue, so that tests/test_translations.py names it, rather than
carrying a guess from a similar message that no reader should see."""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]
