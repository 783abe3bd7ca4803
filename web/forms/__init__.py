"""Forms built from the questionnaire: the WTForms side of the field types."""
