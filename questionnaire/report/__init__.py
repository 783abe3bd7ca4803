"""The compiled report's model, in pieces: inputs, anonymity rules, findings, annexes.

``questionnaire.report_model.build_report_model`` puts them together.
"""
