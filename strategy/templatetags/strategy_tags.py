from django import template
from django.urls import reverse

from strategy.overview import nav_items

register = template.Library()


@register.inclusion_tag("strategy/_process_nav_items.html", takes_context=True)
def process_nav(context, process):
    """The process menu: the links registered by the apps that this member may use."""
    path = context["request"].path
    items = []
    for item in nav_items():
        if item.perm not in process.perms:
            continue
        url = reverse(item.url_name, kwargs={"slug": process.slug})
        # The overview is current only on itself; a section is current on its sub-pages too.
        current = path == url if item.key == "overview" else path.startswith(url)
        label = item.label(process) if callable(item.label) else item.label
        items.append({"label": label, "url": url, "current": current})
    return {"items": items}
