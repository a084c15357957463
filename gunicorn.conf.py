"""gunicorn's settings for the portal, read from the working directory by `gunicorn
taskforce.wsgi` (production) and by `make bench`. Options given on the command line win.

The number of workers comes from WEB_CONCURRENCY (gunicorn's own variable; default 2).
"""

import gc
import os

wsgi_app = "taskforce.wsgi:application"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# Django is imported once, in the master process, and the workers share its memory.
preload_app = True

# Python's cycle collector walks every object it tracks. After Django has loaded, that is
# hundreds of thousands of long-lived objects (modules, models, URL patterns), walked again at
# each full collection: a pause of tens of milliseconds in whatever request triggers it.
# Frozen objects are left out of every collection, and their memory stays shared between the
# workers. (A larger first generation was tried too: fewer collections, but each one long
# enough to make the p99 of the /healthz floor five times longer.)


def pre_fork(server, worker):
    from django.db import connections

    connections.close_all()  # no connection opened while loading is shared with a worker
    gc.collect()
    gc.freeze()
