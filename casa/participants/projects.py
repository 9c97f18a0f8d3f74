"""The six funded projects of CASA NEXT and CASA OLTRE and the hubs each one has (invented
but plausible: DOMAIN.md does not say which hub is in which project). The projects are
created by migration 0002; the hubs are assigned by code wherever they exist, by
`assign_hubs` — after each `migrate` (a hub created since gets its project on the next
migrate) and by seed_demo right after it creates the hubs. An assignment already made (by an
administrator, in the admin) is never changed. See docs/decisions.md."""

import datetime as dt

# code -> (line, name, start, end, hub codes). Each hub in one project only.
PROJECTS = {
    "next-centro-est": ("next", "CASA NEXT Centro-Est", dt.date(2025, 1, 1),
                        dt.date(2027, 12, 31), ("mazzini", "molise-calvairate")),
    "next-sud": ("next", "CASA NEXT Sud e Rozzano", dt.date(2025, 1, 1),
                 dt.date(2027, 12, 31), ("gratosoglio", "rozzano")),
    "next-nord": ("next", "CASA NEXT Nord e Cinisello", dt.date(2025, 1, 1),
                  dt.date(2027, 12, 31), ("quarto-oggiaro", "cinisello-balsamo")),
    "oltre-salomone": ("oltre", "CASA OLTRE Salomone", dt.date(2025, 7, 1),
                       dt.date(2028, 6, 30), ("salomone",)),
    "oltre-san-siro": ("oltre", "CASA OLTRE San Siro", dt.date(2025, 7, 1),
                       dt.date(2028, 6, 30), ("san-siro",)),
    "oltre-lorenteggio": ("oltre", "CASA OLTRE Lorenteggio", dt.date(2025, 7, 1),
                          dt.date(2028, 6, 30), ("lorenteggio",)),
}


def assign_hubs(project_model=None, project_hub_model=None, hub_model=None):
    """Put each existing hub of PROJECTS into its project, unless it already has one.
    Returns how many hubs were assigned. The models may be a migration's historical ones."""
    if project_model is None:
        from casa.registry.models import Hub

        from .models import FundedProject, ProjectHub

        project_model, project_hub_model, hub_model = FundedProject, ProjectHub, Hub
    assigned = 0
    projects = project_model.objects.in_bulk(list(PROJECTS), field_name="code")
    for code, (_line, _name, _start, _end, hub_codes) in PROJECTS.items():
        project = projects.get(code)
        if project is None:
            continue
        for hub in hub_model.objects.filter(code__in=hub_codes, project_hub__isnull=True):
            project_hub_model.objects.create(project=project, hub=hub)
            assigned += 1
    return assigned


def assign_hubs_after_migrate(sender, **kwargs):
    assign_hubs()
