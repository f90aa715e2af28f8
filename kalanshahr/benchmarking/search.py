"""How experiences are found by the network's search: published ones, by everyone signed in."""

from kalanshahr.network import search

from .models import Experience, ExperienceState


def build(experience):
    if experience.state != ExperienceState.PUBLISHED:
        return None
    return search.Document(title=experience.title, url=experience.get_absolute_url(),
                           text="\n".join([experience.problem, experience.actions, experience.results]),
                           audience=search.SearchDocument.SIGNED_IN)


def register():
    search.register("experience", build, lambda: Experience.objects.all())
