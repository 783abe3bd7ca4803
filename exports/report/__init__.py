"""The compiled report: parts rendered in worker processes, cached by input hash, merged.

``build.build_report(model, cache_dir=...)`` is the entry point; ``parts`` turns the plain
report model (``questionnaire.report_model``) into HTML parts, ``render`` renders and caches
one part, ``assemble`` merges the parts with a table of contents and page numbers, and
``structure`` joins their structure trees into one.
"""
