"""How ideas are found by the network's search: the public pages of citizens' ideas, by everyone."""

from kalanshahr.network import search

from .models import Idea


def build(idea):
    if not idea.is_public:
        return None
    return search.Document(title=idea.title, url=idea.get_public_url(),
                           text="\n".join([idea.problem, idea.proposal, idea.decision_reasons]))


def register():
    search.register("idea", build, lambda: Idea.objects.all())
