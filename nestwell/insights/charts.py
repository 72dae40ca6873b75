"""Charts as accessible SVG, drawn on the server with pygal.

pygal's own stylesheet and scripts are left out: the SVG is placed inline in the page,
where the app's stylesheet colours it (so it follows light and dark, and the strict
Content-Security-Policy holds), and it carries a title and a description for screen
readers. The same SVG goes into reports.
"""

import re
from html import escape

import pygal
from pygal.style import Style

# Colours come from app.css (.chart .color-N); these only keep pygal's defaults sane.
STYLE = Style(background="transparent", plot_background="transparent",
              font_family="inherit", colors=("#888",) * 8)

_STYLE_BLOCK = re.compile(r"<style[^>]*>.*?</style>", re.S)
_SCRIPT = re.compile(r"<script[^>]*>.*?</script>|<script[^>]*/>", re.S)
_DEFS_EMPTY = re.compile(r"<defs>\s*</defs>")
_STYLE_ATTR = re.compile(r'\sstyle="[^"]*"')
_NOISE = re.compile(r"<!--.*?-->|<title>Pygal</title>", re.S)


def _config(chart_class, title, **options):
    chart = chart_class(style=STYLE, js=[], css=[], disable_xml_declaration=True,
                        show_legend=options.pop("show_legend", True), legend_at_bottom=True,
                        legend_at_bottom_columns=2, title=None, width=options.pop("width", 380),
                        height=options.pop("height", 240), margin=6, spacing=6,
                        print_values=False, explicit_size=False,
                        truncate_label=options.pop("truncate_label", -1),
                        truncate_legend=options.pop("truncate_legend", 28), **options)
    chart.nestwell_title = title
    return chart


def render(chart, description, chart_id):
    """The chart's SVG with its title and description, ready to place in a page."""
    svg = chart.render(is_unicode=True)
    svg = _SCRIPT.sub("", _STYLE_BLOCK.sub("", svg))
    svg = _NOISE.sub("", _STYLE_ATTR.sub("", _DEFS_EMPTY.sub("", svg)))
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    accessible = (f'<title id="{title_id}">{escape(chart.nestwell_title)}</title>'
                  f'<desc id="{desc_id}">{escape(description)}</desc>')
    svg = svg.replace('class="pygal-chart"', 'class="pygal-chart chart-svg"', 1)
    svg = re.sub(r"<svg\b([^>]*)>", lambda m: (
        f'<svg{m.group(1)} role="img" aria-labelledby="{title_id} {desc_id}">' + accessible),
        svg, count=1)
    return svg


def stacked_minutes(title, labels, series, description, chart_id):
    """Minutes per day, stacked by kind. ``series`` is [(name, [minutes per day])]."""
    chart = _config(pygal.StackedBar, title, x_label_rotation=0,
                    show_minor_x_labels=False)
    chart.x_labels = labels
    chart.x_labels_major = labels[::max(1, len(labels) // 4)]
    for name, values in series:
        chart.add(name, values)
    return render(chart, description, chart_id)


def punchcard(title, grid, row_labels, description, chart_id):
    """A day-by-hour heat map as a punch card: bigger dots, more often."""
    chart = _config(pygal.Dot, title, show_legend=False, x_label_rotation=0,
                    show_minor_x_labels=False, height=210)
    chart.x_labels = [f"{h:02d}" for h in range(24)]
    chart.x_labels_major = [f"{h:02d}" for h in range(0, 24, 6)]
    for label, row in zip(row_labels, grid, strict=True):
        chart.add(label, row)
    return render(chart, description, chart_id)


def lines(title, labels, series, description, chart_id, range_=None):
    chart = _config(pygal.Line, title, show_minor_x_labels=False, dots_size=3,
                    allow_interruptions=True, range=range_)
    chart.x_labels = labels
    chart.x_labels_major = labels[::max(1, len(labels) // 4)]
    for name, values in series:
        chart.add(name, values)
    return render(chart, description, chart_id)
