"""The one-pass inputs write exactly the HTML that WTForms' own widgets write."""

import wtforms
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup
from werkzeug.datastructures import MultiDict
from wtforms.fields.choices import SelectChoice
from wtforms.widgets import html_params

from web.forms.fields import inputs

attribute_names = st.sampled_from(
    ["class_", "for_", "id", "value", "data_row_name", "aria_describedby", "maxlength",
     "inputmode", "checked", "readonly", "placeholder"])
attribute_values = st.one_of(
    st.text(), st.booleans(), st.integers(), st.just(Markup("<b>kept</b>")),
    st.sampled_from(['"><script>alert(1)</script>', "a & b", "it's", "=1+1", "é'\"<>&"]))


@given(st.dictionaries(attribute_names, attribute_values, max_size=8))
def test_attributes_equal_wtforms(attributes):
    assert inputs.html_attributes(**attributes) == html_params(**attributes)


def _form(**fields):
    return type("F", (wtforms.Form,), fields)


def test_fields_render_as_wtforms_fields_do():
    hostile = '"><script>alert(1)</script>&'
    radio_choices = [SelectChoice("a", hostile), SelectChoice("b", "B")]
    many_choices = [SelectChoice("x", "X"), SelectChoice("y", hostile)]
    ours = _form(
        text=inputs.StringField("Text", render_kw={"inputmode": "numeric"}),
        radio=inputs.RadioField("Radio", choices=radio_choices),
        many=inputs.SelectMultipleField("Many", choices=many_choices),
    )
    theirs = _form(
        text=wtforms.StringField("Text", render_kw={"inputmode": "numeric"}),
        radio=wtforms.RadioField("Radio", choices=radio_choices),
        many=wtforms.SelectMultipleField(
            "Many", choices=many_choices,
            widget=wtforms.widgets.ListWidget(prefix_label=False),
            option_widget=wtforms.widgets.CheckboxInput()),
    )
    data = MultiDict([("text", hostile), ("radio", "a"), ("many", "y")])
    mine, reference = ours(data), theirs(data)
    for name in ("text", "radio", "many"):
        rendered = str(mine[name](class_="field", data_note=hostile))
        assert rendered == str(reference[name](class_="field", data_note=hostile))
        assert "<script>" not in rendered
        assert mine[name].type == reference[name].type  # the templates dispatch on it
    assert 'checked' in str(mine["radio"]) and 'value="&#34;&gt;&lt;script' in str(mine["text"])
