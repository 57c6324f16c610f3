"""A paginator whose page 5,000 costs what page 1 does.

Django's Paginator counts the list (a full scan at 100,000 releases) and reads
a page with OFFSET, which fetches every skipped row from the table. Here the
count is given (the archive's facet query has it, cached per content version)
and a page is read in two steps: its ids, off the newest-first index that
includes the visibility columns, so the skipped entries are read from the
index alone; then just those rows, with what the list prints.
"""

from django.core.paginator import Paginator


class CountedPaginator(Paginator):
    def __init__(self, object_list, per_page, *, count, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.__dict__["count"] = count  # Paginator.count is a cached_property: no COUNT(*)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        rows = self.object_list.order_by().in_bulk(ids)
        return self._get_page([rows[pk] for pk in ids if pk in rows], number, self)
