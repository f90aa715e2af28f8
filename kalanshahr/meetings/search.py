"""How resolutions are found by the network's search: approved ones by everyone, the others when signed in."""

from kalanshahr.network import search

from .models import Resolution, ResolutionState


def build(resolution):
    audience = (search.SearchDocument.PUBLIC if resolution.state == ResolutionState.APPROVED
                else search.SearchDocument.SIGNED_IN)
    return search.Document(title=f"مصوبه‌ی {resolution.code}: {resolution.text[:120]}",
                           url=resolution.get_absolute_url(), text=f"{resolution.text}\n{resolution.rationale}",
                           audience=audience)


def register():
    search.register("resolution", build, lambda: Resolution.objects.all())
