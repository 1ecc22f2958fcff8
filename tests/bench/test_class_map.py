"""bench/class_map.py with tiny numbers (5 phones, 5 pollers, no lecture hall; about 30 s): it runs end to
end against `python -m server --classroom` and Chromium, prints every figure row of its table, and the
numbers in it agree with each other and with what was asked (5 sends counted, none lost, met computed
from the numbers). The targets themselves are the bench's to report, not this test's. It also removes
the network interface it made. Needs root and iproute2's `ip` (the phones' own addresses)."""

import random
import re
import subprocess
import sys

import psutil
import pytest

from bench import class_map
from server.classroom import read_code
from tests.conftest import ROOT
from tests.markdown import table

PHONES, POLLERS, REPEATS = 5, 5, 2
NUMBER = r"(\d+(?:\.\d+)?)"
ROWS = {  # the start of each figure's row → the name the test gives it
    f"{PHONES} phones send one code each within 1 s": "errors",
    "… codes lost": "lost",
    "… POST time, connect to 201": "post",
    "from the last send to its dot on the projector page": "last",
    f"… single sends, {REPEATS} from their own addresses": "single",
    f"server CPU, {POLLERS} student pages polling an idle class": "cpu",
    "… the first": "settle",
    f"… for comparison: the same {POLLERS} pollers forced to 1 s": "forced",
    "bytes a send puts on the network: request body": "body",
    "… whole request as these phones send it": "phone_request",
    "… whole request as Chromium sends it": "chromium_request",
    "… the server's 201 answer": "answer",
    "lecture hall:": "hall",
}


def numbers(text):
    return [float(n) for n in re.findall(NUMBER, text)]


def table_rows(out):
    """{name: (figure, measured, target, met)} of the bench's table; fails on a row it does not know."""
    rows = {}
    for cells in table(out, "| figure |"):
        line = " | ".join(cells)
        assert len(cells) == 4, line
        name = next((n for start, n in ROWS.items() if cells[0].startswith(start)), None)
        assert name, f"a row the test does not know: {line}"
        rows[name] = cells
    assert set(rows) == set(ROWS.values()), f"rows missing: {set(ROWS.values()) - set(rows)}"
    return rows


def expected_met(ok):
    return "met" if ok else "**missed**"


@pytest.fixture(scope="module")
def bench_output():
    if class_map.check_can_make_addresses():
        pytest.skip(class_map.check_can_make_addresses())
    done = subprocess.run(
        [
            sys.executable,
            "bench/class_map.py",
            *("--phones", str(PHONES), "--seconds", "1", "--pollers", str(POLLERS), "--idle-seconds", "2"),
            *("--repeats", str(REPEATS), "--skip-hall"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_the_sends_are_counted_none_lost_and_timed(bench_output):
    rows = table_rows(bench_output)
    assert rows["errors"][1:] == [f"0 of {PHONES}", "0", "met"], rows["errors"]
    assert rows["lost"][1] == "0 (server's list = what was sent: yes)" and rows["lost"][3] == "met", rows["lost"]
    p95, p50, worst = numbers(rows["post"][1])
    assert 0 < p50 <= p95 <= worst < 30, rows["post"]
    assert rows["post"][3] == expected_met(p95 <= 0.5)
    last, listed, shown, median, most = numbers(rows["last"][1])
    assert shown == PHONES and 0 <= median <= most and 0 <= listed <= last <= most, rows["last"]
    assert rows["last"][3] == expected_met(last <= 2)
    median, most = numbers(rows["single"][1])
    assert 0 <= median <= most, rows["single"]
    assert rows["single"][3] == expected_met(most <= 2)
    assert re.search(r"projector page \(loopback: the presenter\) polled \d+ times", bench_output)


def test_the_idle_class_and_the_bytes_agree(bench_output):
    rows = table_rows(bench_output)
    cpu, paced_rate = numbers(rows["cpu"][1])[:2]
    forced_cpu, forced_rate = numbers(rows["forced"][1])
    assert 0 <= cpu <= 100 * psutil.cpu_count() and 0 <= forced_cpu <= 100 * psutil.cpu_count()
    assert rows["cpu"][3] == expected_met(cpu <= 10) and rows["cpu"][2] == "≤ 10% of one core"
    # Forced to 1 s, each of the pollers polls about once a second; backing off, less often.
    assert 0.6 * POLLERS <= forced_rate <= 1.1 * POLLERS, rows["forced"]
    assert paced_rate < forced_rate, (rows["cpu"], rows["forced"])
    assert "Poller errors" not in bench_output
    body = numbers(rows["body"][1])[0]
    assert 40 <= body <= 60 and rows["body"][3] == expected_met(body <= 200), rows["body"]
    phone_request = numbers(rows["phone_request"][1])[0]
    chromium_body, chromium_request = numbers(rows["chromium_request"][0])[-1], numbers(rows["chromium_request"][1])[0]
    assert body < phone_request < chromium_request, (rows["phone_request"], rows["chromium_request"])
    assert 40 <= chromium_body <= body
    assert rows["hall"][1:] == ["skipped (--skip-hall)", "≤ 3 s", "–"]
    assert re.search(r"Chromium's real send: \{'ok': True, 'count': \d+\}", bench_output)
    assert re.search(r"Machine: \d+ CPUs \(.+\), load average", bench_output)


def test_the_interface_is_gone_afterwards(bench_output):
    address = re.search(r"interface \((10\.\d+\.0\.1)/16", bench_output).group(1)
    held = {a.address for addresses in psutil.net_if_addrs().values() for a in addresses}
    assert address not in held


def test_the_phones_send_what_the_page_sends():
    """Compact JSON, 4 decimals at most, whole numbers without a point: and the server takes it."""
    rng = random.Random(3)
    for _ in range(200):
        body = class_map.code_body(rng)
        assert re.fullmatch(rb'\{"model":"vae-2d","z":\[-?[\d.]+,-?[\d.]+\],"digit":(\d|null)\}', body), body
        assert all(len(v.split(".")[1]) <= 4 for v in re.findall(r"-?\d+\.\d+", body.decode()))
        z, digit = read_code(body)
        assert class_map.body_key(body) == (z[0], z[1], digit)
    assert class_map.js_number(-0.00001) == 0 and str(class_map.js_number(2.00004)) == "2"


def test_without_root_or_ip_it_says_so_in_one_line(monkeypatch):
    monkeypatch.setattr(class_map.os, "geteuid", lambda: 1000)
    assert "needs root" in class_map.check_can_make_addresses()
    monkeypatch.setattr(class_map.os, "geteuid", lambda: 0)
    monkeypatch.setattr(class_map.shutil, "which", lambda name: None)
    assert "needs iproute2's `ip`" in class_map.check_can_make_addresses()
