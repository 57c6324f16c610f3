from django.contrib.sitemaps.views import sitemap
from django.urls import path, register_converter

from releases import converters, views
from releases.views import feeds, search, site, sitemaps

register_converter(converters.YearConverter, "yyyy")
register_converter(converters.MonthConverter, "mm")

app_name = "releases"

urlpatterns = [
    path("", views.home, name="home"),
    path("releases/", views.ReleaseArchiveView.as_view(), name="release_archive"),
    path("releases/<yyyy:year>/", views.ReleaseYearArchiveView.as_view(), name="release_year"),
    path("releases/<yyyy:year>/<mm:month>/", views.ReleaseMonthArchiveView.as_view(), name="release_month"),
    path("releases/<slug:slug>/", views.release_detail, name="release_detail"),
    path("releases/<slug:slug>/card.png", views.release_card, name="release_card"),
    path("releases/<slug:slug>/share/mastodon/", views.share_on_mastodon, name="share_mastodon"),
    path("contacts/<int:pk>.vcf", views.contact_vcard, name="contact_vcard"),
    path("preview/<str:token>/", views.preview, name="preview"),
    path("organizations/", views.OrganizationListView.as_view(), name="organization_list"),
    path("organizations/<slug:slug>/", views.OrganizationDetailView.as_view(), name="organization_detail"),
    path("people/", views.PersonListView.as_view(), name="person_list"),
    path("people/<slug:slug>/", views.PersonDetailView.as_view(), name="person_detail"),
    path("topics/", views.TopicListView.as_view(), name="topic_list"),
    path("topics/<slug:slug>/", views.TopicDetailView.as_view(), name="topic_detail"),
    path("search/", search.search, name="search"),
    path("feeds/rss/", feeds.LatestReleasesRss(), name="feed_rss"),
    path("feeds/atom/", feeds.LatestReleasesAtom(), name="feed_atom"),
    path("feeds/topics/<slug:slug>/rss/", feeds.TopicRss(), name="topic_feed_rss"),
    path("feeds/topics/<slug:slug>/atom/", feeds.TopicAtom(), name="topic_feed_atom"),
    path("feeds/organizations/<slug:slug>/rss/", feeds.OrganizationRss(), name="organization_feed_rss"),
    path("feeds/organizations/<slug:slug>/atom/", feeds.OrganizationAtom(), name="organization_feed_atom"),
    path("sitemap.xml", sitemaps.index, name="sitemap_index"),
    path("sitemap-<slug:section>.xml", sitemap, {"sitemaps": sitemaps.sitemaps}, name="sitemap_section"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("theme.css", site.theme_css, name="theme_css"),
]
