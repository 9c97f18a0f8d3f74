"""No admin for case files: their notes are read only by the staff in scope, through CASA's
pages, where every reading is audited (docs/decisions.md)."""
