#!/usr/bin/env python
"""Django's command-line utility for CASA."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casa.settings")
    # On a laptop, commands run in the laptop profile without any set-up; a server sets
    # SECRET_KEY (and DEBUG=0), and the web server itself (wsgi.py) never takes this default.
    if not os.environ.get("SECRET_KEY"):
        os.environ.setdefault("DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
