"""gunicorn.conf.py: the settings gunicorn reads from the working directory."""

import gc
import importlib.util
from pathlib import Path

from django.conf import settings


def load_conf():
    path = Path(settings.BASE_DIR) / "gunicorn.conf.py"
    spec = importlib.util.spec_from_file_location("gunicorn_conf", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_django_is_loaded_once_before_the_workers_are_forked(monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "3")

    conf = load_conf()

    assert conf.preload_app is True
    assert conf.wsgi_app == "taskforce.wsgi:application"
    assert conf.workers == 3


def test_before_each_fork_the_loaded_objects_leave_the_garbage_collector():
    conf = load_conf()
    assert gc.get_freeze_count() == 0
    try:
        conf.pre_fork(server=None, worker=None)

        assert gc.get_freeze_count() > 10_000  # Django, the apps, the settings…
    finally:
        gc.unfreeze()
