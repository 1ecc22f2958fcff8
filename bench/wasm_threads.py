"""Benchmark: the in-page trainer's step on WebAssembly, one thread against tfjs's threaded build, and
the time to the first digit. Prints figures; asserts nothing.

    .venv/bin/python bench/wasm_threads.py [--seconds 8] [--rounds 3] [--emulate 4 8]

The real app (committed exported_model/) serves the page; Debian's Chromium opens it on ?backend=wasm
through tests/harness.py. These set-ups, taken in turn for --rounds rounds (each a fresh page), medians
printed:

- "one thread": the page as it was before it was cross-origin isolated: the same server with its
  Cross-Origin-Embedder-Policy header taken off, so there is no SharedArrayBuffer and tfjs takes its
  SIMD build (no threads);
- "isolated, this machine": the page as served: tfjs's threaded SIMD build where
  navigator.hardwareConcurrency ≥ 4, which runs hardwareConcurrency / 2 threads (tfjs 4.22's backend.cc)
  in the page and in the trainer's worker each; under 4 the SIMD build as before
  (static/js/core/wasm-threads.js);
- "isolated, emulated N cores": the same with navigator.hardwareConcurrency = N in the page and its
  trainer's worker (tests/harness.py emulate_cores). Emulation adds no cores: on a 2-CPU
  machine N / 2 threads share 2 CPUs, so this shows the cost of oversubscription, not what an N-core
  laptop would gain.

Step time: the trainer's status() after --seconds of β = 1 training (after 2 s of warm-up on the same
page): (seconds − the worker's time in held-out snapshots) / steps, i.e. the batch-100 steps alone.
Time to the first digit: page.goto until window.vaeDemo.ready, in Python's clock.
"""

import argparse
import os
import statistics
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from tests.harness import PROBES_ON, LiveServer, emulate_cores, launch_chromium, open_page, trainer_worker  # noqa: E402

COEP = "cross-origin-embedder-policy"


def without_coep(wsgi_app):
    """wsgi_app with its Cross-Origin-Embedder-Policy header taken off: the page is then not isolated."""

    def app(environ, start_response):
        def start(status, headers, exc_info=None):
            return start_response(status, [(k, v) for k, v in headers if k.lower() != COEP], exc_info)

        return wsgi_app(environ, start)

    return app


def status(page):
    return page.evaluate("window.vaeDemo.training.status()")


def train_for(page, seconds):
    page.evaluate("(s) => window.vaeDemo.training.start({beta: 1, seconds: s})", seconds)
    page.wait_for_function("() => !window.vaeDemo.training.status().running", timeout=(3 * seconds + 120) * 1000)
    return status(page)


def measure(browser, server, cores, seconds):
    """One fresh page: {ready_s, step_ms, steps, isolated, page_threads, trainer_threads}."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    context.add_init_script(PROBES_ON)
    try:
        page = context.new_page()
        if cores:
            emulate_cores(page, cores)
        t0 = time.perf_counter()
        open_page(page, server, "?backend=wasm")
        ready_s = time.perf_counter() - t0
        page.evaluate("window.vaeDemo.training.open()")
        page.wait_for_function("() => window.vaeDemo.training.trainer?.info", timeout=120000)
        threads = "() => (tf.getBackend() === 'wasm' && self.crossOriginIsolated ? tf.wasm.getThreadsCount() : 1)"
        page_threads = page.evaluate(threads)
        trainer_threads = trainer_worker(page).evaluate(threads)
        before = train_for(page, 2)  # warm-up
        after = train_for(page, seconds)
        steps = after["steps"] - before["steps"]
        snapshots = after["snapshotsWhileTraining"]["seconds"] - before["snapshotsWhileTraining"]["seconds"]
        busy = after["seconds"] - before["seconds"] - snapshots
        return {
            "ready_s": ready_s,
            "step_ms": 1000 * busy / steps,
            "steps": steps,
            "isolated": page.evaluate("crossOriginIsolated"),
            "page_threads": page_threads,
            "trainer_threads": trainer_threads,
        }
    finally:
        context.close()


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--seconds", type=float, default=8, help="seconds of timed training per page")
    p.add_argument("--rounds", type=int, default=3, help="fresh pages per set-up (medians printed)")
    p.add_argument("--emulate", type=int, nargs="*", default=[4, 8], help="the emulated core counts")
    args = p.parse_args()
    if args.seconds <= 0 or args.rounds < 1 or min(args.emulate, default=1) < 1:
        p.error("--seconds must be > 0, --rounds and every --emulate at least 1")
    import logging

    from playwright.sync_api import sync_playwright

    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    models = os.path.join(ROOT, "exported_model")
    isolated, plain = LiveServer(models), LiveServer(models)
    plain.app.wsgi_app = without_coep(plain.app.wsgi_app)
    setups = [
        ("one thread (not isolated: SIMD build)", plain, 0),
        (f"isolated, this machine ({os.cpu_count()} CPUs)", isolated, 0),
        *[(f"isolated, emulated {n} cores", isolated, n) for n in args.emulate],
    ]
    results = {name: [] for name, _, _ in setups}
    print(f"Machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at the start", flush=True)
    try:
        with sync_playwright() as pw:
            browser = launch_chromium(pw)
            print(f"Headless Chromium {browser.version}; {time.strftime('%Y-%m-%d %H:%M %Z')}", flush=True)
            for k in range(args.rounds):
                for name, server, cores in setups:
                    r = measure(browser, server, cores, args.seconds)
                    results[name].append(r)
                    print(
                        f"  round {k + 1}, {name}: {r['step_ms']:.1f} ms/step, ready {r['ready_s']:.1f} s", flush=True
                    )
            browser.close()
    finally:
        isolated.close()
        plain.close()
    report(results, args)


def report(results, args):
    print()
    print(f"## The trainer's step on WASM (batch 100), median of {args.rounds} fresh pages")
    print("| set-up | isolated | page threads | trainer threads | ms per step | steps timed | first digit (s) |")
    print("|---|---|---|---|---|---|---|")
    base = None
    for name, rows in results.items():
        step = statistics.median(r["step_ms"] for r in rows)
        base = base or step
        first = rows[0]
        print(
            f"| {name} | {first['isolated']} | {first['page_threads']} | {first['trainer_threads']} | {step:.1f} "
            f"({step / base:.2f}×) | {statistics.median(r['steps'] for r in rows):.0f} | "
            f"{statistics.median(r['ready_s'] for r in rows):.1f} |"
        )
    print(f"Load average at the end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
