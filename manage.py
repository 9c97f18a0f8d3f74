#!/usr/bin/env python
"""Django's command-line utility for CASA."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casa.settings")
    # No laptop default here: a command (a cron job that lost its environment included) runs in
    # the profile its environment says. Without DEBUG=1 (set by `make run`, `make test` and the
    # test suite) it needs the production variables of docs/deployment.md, or it refuses to
    # start and names what is missing.
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
