"""How often an anonymous client may ask: DRF's AnonRateThrottle, counted in the default cache
by the client's address, at the rate of REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["anon"]."""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle


class PublicRateThrottle(AnonRateThrottle):
    """AnonRateThrottle reading its rate when it is asked, not when the class is defined, so a
    changed setting (DJANGO_API_RATE, or a test's override) takes effect."""

    def get_rate(self) -> str | None:
        rate: str | None = api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
        return rate
