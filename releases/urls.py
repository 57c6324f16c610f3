from django.contrib.sitemaps.views import sitemap
from django.urls import path, register_converter

from pagecache.surrogate import tagged
from releases import converters, views
from releases.reading.surrogate_keys import LIST
from releases.views import downloads, feeds, record, search, site, sitemaps

register_converter(converters.YearConverter, "yyyy")
register_converter(converters.MonthConverter, "mm")
register_converter(converters.VersionConverter, "version")

app_name = "releases"

# Pages that list releases or the directory name LIST, which every change purges from shared
# caches (releases.reading.surrogate_keys); a release page and its card name what they show.
urlpatterns = [
    path("", tagged(views.home, LIST), name="home"),
    path("releases/", tagged(views.ReleaseArchiveView.as_view(), LIST), name="release_archive"),
    path("releases/<yyyy:year>/", tagged(views.ReleaseYearArchiveView.as_view(), LIST), name="release_year"),
    path(
        "releases/<yyyy:year>/<mm:month>/", tagged(views.ReleaseMonthArchiveView.as_view(), LIST), name="release_month"
    ),
    path("releases/<slug:slug>/", views.release_detail, name="release_detail"),
    path("releases/<slug:slug>.ninjs.json", record.release_ninjs, name="release_ninjs"),
    path("releases/<slug:slug>/changes/", record.release_changes, name="release_changes"),
    path("releases/<slug:slug>/v/<version:number>/", record.release_version, name="release_version"),
    *(
        path(f"releases/<slug:slug>/cite.{fmt}", record.release_citation, {"fmt": fmt}, name=f"release_cite_{fmt}")
        for fmt in ("bib", "ris", "json")
    ),
    path("releases/<slug:slug>/card.png", views.release_card, name="release_card"),
    path("releases/<slug:slug>/release.pdf", downloads.release_as_pdf, name="release_pdf"),
    path("releases/<slug:slug>/press-kit.zip", downloads.press_kit_zip, name="press_kit_zip"),
    path("press-kit/<int:pk>/<str:variant>", downloads.press_kit_file, name="press_kit_file"),
    path("releases/<slug:slug>/share/mastodon/", views.share_on_mastodon, name="share_mastodon"),
    path("contacts/<int:pk>.vcf", views.contact_vcard, name="contact_vcard"),
    path("preview/<str:token>/", views.preview, name="preview"),
    path("organizations/", tagged(views.OrganizationListView.as_view(), LIST), name="organization_list"),
    path(
        "organizations/<slug:slug>/", tagged(views.OrganizationDetailView.as_view(), LIST), name="organization_detail"
    ),
    path("people/", tagged(views.PersonListView.as_view(), LIST), name="person_list"),
    path("people/<slug:slug>/", tagged(views.PersonDetailView.as_view(), LIST), name="person_detail"),
    path("topics/", tagged(views.TopicListView.as_view(), LIST), name="topic_list"),
    path("topics/<slug:slug>/", tagged(views.TopicDetailView.as_view(), LIST), name="topic_detail"),
    path("search/", tagged(search.search, LIST), name="search"),
    path("feeds/rss/", tagged(feeds.LatestReleasesRss(), LIST), name="feed_rss"),
    path("feeds/atom/", tagged(feeds.LatestReleasesAtom(), LIST), name="feed_atom"),
    path("feeds/json/", tagged(feeds.LatestReleasesJson(), LIST), name="feed_json"),
    path("feeds/topics/<slug:slug>/rss/", tagged(feeds.TopicRss(), LIST), name="topic_feed_rss"),
    path("feeds/topics/<slug:slug>/atom/", tagged(feeds.TopicAtom(), LIST), name="topic_feed_atom"),
    path("feeds/topics/<slug:slug>/json/", tagged(feeds.TopicJson(), LIST), name="topic_feed_json"),
    path("feeds/organizations/<slug:slug>/rss/", tagged(feeds.OrganizationRss(), LIST), name="organization_feed_rss"),
    path(
        "feeds/organizations/<slug:slug>/atom/", tagged(feeds.OrganizationAtom(), LIST), name="organization_feed_atom"
    ),
    path(
        "feeds/organizations/<slug:slug>/json/", tagged(feeds.OrganizationJson(), LIST), name="organization_feed_json"
    ),
    path("sitemap.xml", tagged(sitemaps.index, LIST), name="sitemap_index"),
    path("sitemap-<slug:section>.xml", tagged(sitemap, LIST), {"sitemaps": sitemaps.sitemaps}, name="sitemap_section"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("theme.css", site.theme_css, name="theme_css"),
]
