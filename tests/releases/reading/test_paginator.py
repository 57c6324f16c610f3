"""CountedPaginator: pages read ids first, then rows, and match plain OFFSET paging exactly."""

from datetime import datetime, timedelta
from datetime import timezone as dt_timezone

import pytest
from django.core.paginator import EmptyPage

from releases.models import Release
from releases.reading.paginator import CountedPaginator
from tests import factories

pytestmark = pytest.mark.django_db


def test_every_page_matches_offset_paging_in_order_and_skips_hidden_releases():
    issuer = factories.organization()
    start = datetime(2020, 1, 1, tzinfo=dt_timezone.utc)
    for n in range(47):
        # Some share a moment, so the id breaks the tie; some are hidden.
        state = "draft" if n % 9 == 0 else "withdrawn" if n % 11 == 0 else "published"
        factories.release(f"Paged {n:02d}", at=start + timedelta(days=n // 2), state=state, issuer=issuer)
    public = Release.objects.public().cards().newest_first()
    expected = list(public.values_list("pk", flat=True))
    paginator = CountedPaginator(public, 10, count=len(expected), orphans=2)
    pages = [paginator.page(n) for n in paginator.page_range]
    assert [r.pk for page in pages for r in page.object_list] == expected
    assert [len(page.object_list) for page in pages] == [10, 10, 10, len(expected) - 30]
    assert all(r.issuer.name == issuer.name for r in pages[0].object_list)  # the issuer came with the row
    with pytest.raises(EmptyPage):
        paginator.page(paginator.num_pages + 1)


def test_the_given_count_is_used_without_counting(django_assert_num_queries):
    factories.release("Only one")
    paginator = CountedPaginator(Release.objects.public().newest_first(), 20, count=1)
    with django_assert_num_queries(2):  # the page's ids, then its rows: no COUNT(*)
        page = paginator.page(1)
    assert [r.title for r in page.object_list] == ["Only one"]
