"""Renderers: plain data in, document bytes out (PDF via WeasyPrint, XLSX, CSV).

Submodules are imported directly (``from exports.submission_pdf import ...``) so that loading
one renderer does not pull in the others' heavy dependencies.
"""
