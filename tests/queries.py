"""Query counts pinned cold and warm.

A page's count is pinned twice: *cold*, the first request after the shared cache is emptied
(what the first user after a deploy, a Redis restart or an eviction pays: permissions, the
access profile, grants, list counts, drop-downs and parameters are all read afresh), and
*warm*, the same request again. A cache that stops being used shows as a warm count that
grew; a cache that starts hiding a query per row shows as a cold count that grew.
"""

from django.core.cache import cache


def assert_cold_and_warm(client, url, *, cold, warm, assert_num_queries):
    """GET ``url`` right after ``cache.clear()`` in ``cold`` queries, then again in ``warm``.

    One request first, so that what lives in the process rather than the shared cache
    (content types, compiled templates, URL resolvers) is loaded whatever ran before.
    """
    assert client.get(url).status_code == 200
    cache.clear()
    with assert_num_queries(cold):
        assert client.get(url).status_code == 200
    with assert_num_queries(warm):
        assert client.get(url).status_code == 200
