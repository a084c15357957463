"""The benchmark's own logic: reading wrk's report and judging the targets."""

import importlib.util
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location(
    "bench_run", Path(__file__).resolve().parents[2] / "bench" / "run.py"
)
run = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(run)

WRK = """Running 3s test @ http://127.0.0.1:8765/it/
  1 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     4.61ms    1.02ms  21.80ms   90.12%
    Req/Sec     1.75k   120.31     1.90k    80.00%
  Latency Distribution
     50%    4.35ms
     75%    4.90ms
     90%    5.61ms
     99%    1.20s
  5243 requests in 3.00s, 205.41MB read
  Non-2xx or 3xx responses: 3
  Socket errors: connect 0, read 1, write 0, timeout 2
Requests/sec:   1747.52
Transfer/sec:     68.41MB
"""


def test_parse_wrk_reads_rate_percentiles_and_failures():
    assert run.parse_wrk(WRK) == {"rps": 1747.5, "p50_ms": 4.35, "p99_ms": 1200.0, "errors": 6}


def test_parse_wrk_reads_microseconds():
    report = WRK.replace("4.35ms", "850.00us").replace("Non-2xx or 3xx responses: 3\n", "")

    assert run.parse_wrk(report)["p50_ms"] == 0.85


def _page(name, kind="public", **figures):
    page = {
        "name": name,
        "kind": kind,
        "queries": 5,
        "small_queries": 5,
        "rps": 1000,
        "p50_ms": 5,
        "p99_ms": 9,
        "ratio_to_floor": 0.9,
        "cold_p50_ms": 40,
        "cold_p99_ms": 80,
        "large_to_small": 1.2,
        "errors": 0,
    }
    page.update(figures)
    return page


def _report(*pages, capacity_intact=True, mails_sent=100):
    return {
        "pages": list(pages),
        "small": {},
        "registration": {
            "submit": {"p99_ms": 600},
            "confirm": {"p99_ms": 400},
            "capacity_intact": capacity_intact,
            "mails": 100,
            "mails_sent": mails_sent,
        },
    }


def test_every_target_met():
    targets = run.evaluate(_report(_page("home"), _page("admin", kind="admin", p50_ms=200)))

    assert all(targets.values())


@pytest.mark.parametrize(
    ("figures", "missed"),
    [
        ({"queries": 11, "small_queries": 11}, "public_pages_at_most_10_queries"),
        ({"ratio_to_floor": 0.4}, "public_pages_at_least_half_the_floor"),
        ({"cold_p99_ms": 100}, "public_pages_cold_p99_under_100_ms"),
        ({"small_queries": 4}, "same_queries_small_and_large"),
        ({"large_to_small": 1.6}, "large_within_1_5x_small"),
        ({"errors": 1}, "no_failed_requests"),
    ],
)
def test_each_public_target_can_be_missed(figures, missed):
    targets = run.evaluate(_report(_page("home", **figures)))

    assert [name for name, met in targets.items() if not met] == [missed]


def test_slow_admin_and_broken_capacity_are_missed():
    targets = run.evaluate(_report(_page("admin", kind="admin", p50_ms=300), capacity_intact=False))

    assert not targets["admin_changelists_median_under_300_ms"]
    assert not targets["registration_capacity_intact"]
    assert targets["registration_p99_under_1_s"]


def test_large_run_is_compared_with_the_small_one():
    small = {"dataset": {}, "floor": {}, "pages": [_page("home", cold_p50_ms=20, queries=5)]}
    large = {
        "dataset": {},
        "floor": {},
        "pages": [_page("home", cold_p50_ms=50, queries=5)],
        "database": "sqlite",
    }

    report = run.combine({"small": small, "large": large})

    assert report["scale"] == "large"
    assert report["pages"][0]["large_to_small"] == 2.5
    assert report["targets"]["large_within_1_5x_small"] is False


def test_an_email_not_sent_after_the_rush_is_missed():
    targets = run.evaluate(_report(_page("home"), mails_sent=99))

    assert [name for name, met in targets.items() if not met] == ["registration_mails_all_sent"]


def test_registration_target_is_the_submissions_p99():
    report = _report(_page("home"))
    report["registration"]["confirm"]["p99_ms"] = 1800
    assert run.evaluate(report)["registration_p99_under_1_s"]

    report["registration"]["submit"]["p99_ms"] = 1000
    assert not run.evaluate(report)["registration_p99_under_1_s"]
