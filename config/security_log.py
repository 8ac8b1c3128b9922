"""The security log: logins, lockouts, refused uploads and decisions, on a logger of their own.

    from config.security_log import security_log
    security_log.info("login failed account=%s", email)

Its lines go to the console in the common format (UTC time, level, logger, client address: see
config/logs.py and LOGGING in settings) at INFO or above, whatever DJANGO_LOG_LEVEL says.
"""

import logging

security_log = logging.getLogger("plenary.security")
