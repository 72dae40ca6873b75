from django.forms.renderers import TemplatesSetting


class Renderer(TemplatesSetting):
    """Renders every form with Nestwell's large, touch-friendly field layout."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
