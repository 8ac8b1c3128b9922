"""The shared cache's backend: Django's Redis cache, with one client per connection pool.

Django's RedisCacheClient makes a new `redis.Redis` for every cache call. With redis-py 8 that
costs about a millisecond (it builds its response callbacks and event dispatcher each time):
more than reading a cached 140 KB programme page from Redis, and half of what serving that page
takes (issue 11's bench). A `redis.Redis` is safe to share between threads, since it takes a
connection from its pool for each command, so one per pool is kept and reused.
"""

from typing import Any

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class SharedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:  # noqa: ARG002
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server: Any, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient
