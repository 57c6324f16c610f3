"""Organizations, people and topics, each with the public releases they appear in."""

from django.views.generic import DetailView, ListView, TemplateView
from django.views.generic.detail import SingleObjectMixin

from releases.reading import press_kit, queries


class OrganizationListView(ListView):
    """/organizations/: every organization named in a public release, with its roles.
    Counts are on each organization's page: counting here would read every signature."""

    paginate_by = 100
    context_object_name = "organizations"

    def get_queryset(self):
        return queries.organizations_in_public_releases().order_by("name")


class OrganizationDetailView(DetailView):
    """/organizations/<slug>/: the releases it issued, signed and is quoted in, and its press kit."""

    context_object_name = "organization"

    def get_queryset(self):
        return queries.organizations_in_public_releases().select_related("press_office__organization")

    def get_context_data(self, **kwargs):
        sections = queries.organization_sections(self.object)
        kit = press_kit.dress(self.object.assets.all())
        return super().get_context_data(**sections, kit=kit, section_size=queries.SECTION_SIZE, **kwargs)


class TopicListView(TemplateView):
    """/topics/: every topic with a public release, with how many."""

    template_name = "releases/topic_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(topics=queries.topics_with_counts(), **kwargs)


class PersonListView(ListView):
    """/people/: everyone quoted in a public release, by name."""

    paginate_by = 100
    context_object_name = "people"
    template_name = "releases/person_list.html"

    def get_queryset(self):
        return queries.people_index()


class ListWithinObjectMixin(SingleObjectMixin):
    """A page about one object listing its things, paginated (Django's SingleObjectMixin + ListView)."""

    paginate_by = 20
    list_name = "object_list"

    def get(self, request, *args, **kwargs):
        self.object = self.get_object(queryset=self.get_parent_queryset())
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context[self.list_name] = context["object_list"]
        return context


class PersonDetailView(ListWithinObjectMixin, ListView):
    """/people/<slug>/: every quote the person gave in a public release, newest first."""

    template_name = "releases/person_detail.html"
    list_name = "quotes"

    def get_parent_queryset(self):
        return queries.people_with_public_quotes().select_related("organization")

    def get_queryset(self):
        return queries.public_quotes_of(self.object)


class TopicDetailView(ListWithinObjectMixin, ListView):
    """/topics/<slug>/: the public releases on a topic, newest first."""

    template_name = "releases/topic_detail.html"
    list_name = "releases"

    def get_parent_queryset(self):
        return queries.topics_with_public_releases()

    def get_queryset(self):
        return queries.release_cards().filter(topics=self.object)
