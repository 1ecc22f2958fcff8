"""Benchmark: the in-page trainer ("Train your own VAE", static/js/train/): how well and how fast the
784→256→2 VAE trains in a Web Worker of headless Chromium, what it costs the sliders, and what the
section downloads. Prints figures beside the issue's targets; asserts nothing.

    .venv/bin/python bench/train_in_page.py [--seconds 60] [--webgl-seconds 20] [--sweep-seconds 30]
                                            [--drag-seconds 10] [--profile-seconds 5] [--keras-steps 200]
                                            [--quick] [--out FILE]

The real app (committed exported_model/, the compressed copies `python -m server` writes) serves the
page; Debian's Chromium opens it through tests/harness.py. Each page drives `window.vaeDemo.training`.

1. Bytes before the section is opened: a fresh context records every response (Playwright's
   context-wide "response" event, which includes the worker's fetches; body bytes as sent, i.e. encoded,
   from Request.sizes()) while the page loads, waits for ready and the network to go quiet, without
   scrolling; are any of the trainer's files among them (worker.*.js, tf-gradients, training/manifest.json,
   digits.png, labels.bin)? Then #train is scrolled into view, the trainer opens by itself, and what it
   fetches is listed with its bytes.
2. Held-out −ELBO after --seconds of training on `?backend=wasm`, β = 1: start({seconds}) in chunks that
   end at 1/6, 1/3, 1/2 and all of --seconds (10/20/30/60 s by default) so each point of the curve is a
   snapshot taken when training stopped (Adam's state carries over between chunks); held-out = the
   worker's 1,000 held-out digits, one fixed draw ε each, nats/image.
3. Time per training step: the page's as the learner sees it, status().seconds / status().steps over that
   run (held-out snapshots every 400 ms included), and the steps alone: the same less the time the
   worker's own clock spent in the snapshots taken while training (status().snapshotsWhileTraining);
   against Keras on this machine: train.models.build_model(2, "mlp256", "vae") compiled as
   `python -m train` compiles it, Adam(2e-3), train_on_batch on 100 of the PNG's training digits, after a
   warm-up, mean of --keras-steps. Then a fresh page on `?backend=webgl` trains --webgl-seconds (here
   that WebGL is SwiftShader: software, on the CPU). Where the WASM step's time goes: after the curve,
   TensorFlow.js's profiler is switched on in the worker for --profile-seconds more of training; the
   costliest kernels per step, and the batch's five 100 × 784 × 256 products alone against Keras's step.
4. Slider drag during training: while the WASM trainer runs, z1 then z2 of #explore move once per
   animation frame (an input event each, as a pointer drag delivers them) for --drag-seconds; the
   decoder view's probe (window.vaeDemoProbes, static/js/core/probes.js: draws and request→drawn
   latencies) gives the share of moves drawn (draws / moves: the frame scheduler drops a move only when a
   newer one replaces it before it is drawn) and the latency; the same drag with the trainer paused is
   the baseline.
5. β sweep: for β ∈ {0, 1, 4}: reset (the same seed: the same initial weights), train --sweep-seconds,
   read the held-out reconstruction and KL.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from urllib.parse import urlparse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

import train  # noqa: E402, F401  (quiets TensorFlow's start-up logs; imports nothing else)
from tests.harness import (  # noqa: E402
    PROBES_ON,
    LiveServer,
    launch_chromium,
    open_page,
    train_in_page,
    trainer_worker,
)

TRAINING_FILES = ("/worker.", "tf-gradients", "training/manifest.json", "digits.png", "labels.bin")
SWEEP = (0, 1, 4)
STATUS = "() => window.vaeDemo.training.status()"
DRAG = """async ({ seconds }) => {
    const stats = window.vaeDemo.explore.view.stats;
    const sliders = [0, 1].map((i) => document.getElementById(`z-slider-${i}`));
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    const draws = stats.draws;
    const latencies = [];
    let moves = 0;
    let seen = stats.latenciesMs.length;
    const t0 = performance.now();
    while (performance.now() - t0 < seconds * 1000) {
        const slider = sliders[performance.now() - t0 < seconds * 500 ? 0 : 1];
        const k = moves % 120;  // a triangle wave over −3…+3: every move changes z
        slider.value = (-3 + 0.1 * (k < 60 ? k : 120 - k)).toFixed(2);
        slider.dispatchEvent(new Event('input', { bubbles: true }));
        moves += 1;
        await frame();
        latencies.push(...stats.latenciesMs.slice(seen));
        seen = stats.latenciesMs.length;  // the probe keeps the newest 2,000
    }
    await window.vaeDemo.explore.view.idle();
    latencies.push(...stats.latenciesMs.slice(seen));
    return { moves, draws: stats.draws - draws, seconds: (performance.now() - t0) / 1000, latencies };
}"""


class Report:
    """Lines printed as they come, kept for --out."""

    def __init__(self):
        self.lines = []

    def __call__(self, line=""):
        print(line, flush=True)
        self.lines.append(line)


def settings(args):
    """The run's durations: the flags, or a minute's worth of everything with --quick."""
    if args.quick:
        return {"seconds": 4, "webgl": 2, "sweep": 2, "drag": 1, "profile": 1, "keras_steps": 10, "warmup": 3}
    return {
        "seconds": args.seconds,
        "webgl": args.webgl_seconds,
        "sweep": args.sweep_seconds,
        "drag": args.drag_seconds,
        "profile": args.profile_seconds,
        "keras_steps": args.keras_steps,
        "warmup": 20,
    }


def new_page(browser, server, query, responses=None):
    """(context, page): the app opened in a fresh context with probes on, every response appended to
    `responses` if given."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(PROBES_ON)
    if responses is not None:
        context.on("response", lambda response: responses.append(response))
    page = context.new_page()
    open_page(page, server, query)
    return context, page


def status(page):
    return page.evaluate(STATUS)


def train_for(page, seconds, beta=None):
    """Train `seconds` more seconds (tests/harness.py's driver, the tests' too), wait until stopped (at most
    3 × seconds + 2 minutes) and return the status."""
    return train_in_page(page, seconds=seconds, beta=beta, timeout=1000 * (3 * seconds + 120))


# ---- 1. bytes ----


def settle(page, responses, quiet_ms=2000):
    """Wait until no response has come for quiet_ms."""
    count = -1
    while count != len(responses):
        count = len(responses)
        page.wait_for_timeout(quiet_ms)


def body_bytes(response, seen):
    """The body's bytes as sent (encoded): Chromium's count, else the Content-Length (Chromium counts 0 for
    a worker's own script); 0 for a URL this context fetched before (the browser's cache answers it)."""
    if response.url in seen:
        return 0
    seen.add(response.url)
    try:
        counted = response.request.sizes()["responseBodySize"]
    except Exception:  # a response whose body never came (aborted, redirected)
        return 0
    return counted if counted > 0 else int(response.headers.get("content-length") or 0)


def fetched(responses):
    """[(path, bytes)] of the responses, in order (a URL fetched again: "(cached)", 0 bytes)."""
    seen, out = set(), []
    for r in responses:
        again = r.url in seen
        out.append((urlparse(r.url).path + (" (cached)" if again else ""), body_bytes(r, seen)))
    return out


def is_trainers(path):
    return any(name in path for name in TRAINING_FILES)


def bytes_before_opening(browser, server, report):
    responses = []
    context, page = new_page(browser, server, "?backend=wasm", responses)
    try:
        settle(page, responses)
        count = len(responses)
        scrolled = page.evaluate("window.scrollY")
        page.locator("#train").scroll_into_view_if_needed()
        page.wait_for_function("() => window.vaeDemo.training.status().backend", timeout=120000)
        settle(page, responses)
        listed = fetched(responses)
    finally:
        context.close()
    before, after = listed[:count], listed[count:]
    training = [path for path, _ in before if is_trainers(path)]
    extra = sum(size for path, size in before if is_trainers(path))
    report("## 1. What the page fetches before the section is opened")
    report(
        f"Before: {len(before)} responses, {sum(s for _, s in before):,} body bytes (encoded, as sent), "
        f"window.scrollY {scrolled}; trainer files among them: {', '.join(training) or 'none'} "
        f"({extra:,} bytes; target 0)."
    )
    mine = sum(size for path, size in after if is_trainers(path))
    report(
        f"After #train is scrolled into view: {len(after)} responses, {sum(s for _, s in after):,} body bytes, "
        f"{mine:,} of them the trainer's (the rest: the panels scrolled past on the way):"
    )
    report("| fetched when #train comes into view | the trainer's | body bytes |")
    report("|---|---|---|")
    for path, size in after:
        report(f"| {path} | {'yes' if is_trainers(path) else ''} | {size:,} |")
    return {"extra": extra, "training": training}


# ---- 2. and 3. the WASM run: the curve and the page's step time ----


def curve(page, seconds, report):
    """Train β = 1 in chunks ending at 1/6, 1/3, 1/2 and all of `seconds`; prints the curve, returns
    {"neg_elbo", "step_ms", "between_ms", "snapshot_ms"}."""
    rows = []
    for k, mark in enumerate((seconds / 6, seconds / 3, seconds / 2, seconds)):
        s = train_for(page, max(mark - status(page)["seconds"], 0.1), beta=1 if k == 0 else None)
        rows.append(s)
    s = rows[-1]
    timed = s["snapshotsWhileTraining"]  # the worker's own clock around each snapshot taken while training
    step_ms = 1000 * s["seconds"] / s["steps"]
    between_ms = 1000 * (s["seconds"] - timed["seconds"]) / s["steps"]
    snapshot_ms = 1000 * timed["seconds"] / max(timed["count"], 1)
    report(f"## 2. Held-out curve, WebAssembly backend (?backend=wasm), β = 1, batch {s['batch']}")
    report("| seconds of training | steps | epochs | held-out −ELBO | reconstruction | KL |")
    report("|---|---|---|---|---|---|")
    for r in rows:
        h = r["heldOut"]
        report(
            f"| {r['seconds']:.1f} | {r['steps']:,} | {r['epochs']:.1f} | {h['negElbo']:.1f} | "
            f"{h['reconstruction']:.1f} | {h['kl']:.2f} |"
        )
    report(f"(nats/image over the {s['heldOut']['images']:,} held-out digits; backend: {s['backend']})")
    return {
        "neg_elbo": s["heldOut"]["negElbo"],
        "seconds": s["seconds"],
        "step_ms": step_ms,
        "between_ms": between_ms,
        "snapshot_ms": snapshot_ms,
        "snapshots": timed["count"],
    }


PROFILE_ON = """() => {
    const engine = tf.engine();
    engine.state.profiling = true;
    engine.state.activeProfile = { newBytes: 0, newTensors: 0, peakBytes: 0, kernels: [], result: null,
        kernelNames: [] };
}"""
PROFILE_OFF = """async () => {
    const engine = tf.engine();
    engine.state.profiling = false;
    const kernels = engine.state.activeProfile.kernels;
    return Promise.all(kernels.map(async (k) => [k.name, k.inputShapes.map(String).join(' × '), await k.kernelTimeMs]));
}"""
LARGE_PRODUCT = 100 * 784 * 256  # m·k·n of the batch's products through the 784 ↔ 256 layers


def kernel_profile(page, seconds):
    """The worker's kernels while it trains `seconds` (TensorFlow.js's profiler, switched on in the
    worker's engine: each kernel's wall time on WASM): {"steps", "kernels": [(name, shapes, calls per
    step, ms per step)] by time, "products_ms": the batch's five 100 × 784 × 256 products per step}."""
    worker = trainer_worker(page)
    steps0 = status(page)["steps"]
    worker.evaluate(PROFILE_ON)
    train_for(page, seconds)
    kernels = worker.evaluate(PROFILE_OFF)
    steps = status(page)["steps"] - steps0
    table = {}
    for name, shapes, ms in kernels:
        row = table.setdefault((name, shapes), [0, 0.0])
        row[0] += 1
        row[1] += ms
    rows = sorted(((n, sh, c / steps, ms / steps) for (n, sh), (c, ms) in table.items()), key=lambda r: -r[3])

    def mkn(shapes):
        (m, k), (_, n) = ([int(d) for d in part.split(",")] for part in shapes.split(" × "))
        return m * k * n

    products = [r for r in rows if r[0] == "BatchMatMul" and mkn(r[1]) == LARGE_PRODUCT]
    return {
        "steps": steps,
        "kernels": rows,
        "products_ms": sum(r[3] for r in products),
        "products": sum(r[2] for r in products),
    }


def webgl_step_ms(browser, server, seconds):
    """(ms per step as the learner sees it, backend, steps) on a fresh ?backend=webgl page. (Its rate
    between snapshots means little: WebGL queues steps and waits for them every 10th step.)"""
    context, page = new_page(browser, server, "?backend=webgl")
    try:
        page.evaluate("window.vaeDemo.training.open()")
        s = train_for(page, seconds, beta=1)
    finally:
        context.close()
    return 1000 * s["seconds"] / max(s["steps"], 1), s["backend"], s["steps"]


def keras_step_ms(steps, warmup, threads):
    """ms per train_on_batch step of the same model in Keras on 100 of the PNG's training digits, with
    TensorFlow's intra-op threads set to `threads` (0: its default); printed by the --keras-only child."""
    import keras
    import numpy as np
    import tensorflow as tf
    from PIL import Image

    from train.data import to_model_input
    from train.models import build_model, compile_model
    from train.page_data import untile

    tf.config.threading.set_intra_op_parallelism_threads(threads)
    with Image.open(os.path.join(ROOT, "exported_model", "training", "digits.png")) as image:
        x = to_model_input(untile(np.asarray(image), 100))
    model = compile_model(build_model(latent_dim=2, arch="mlp256", kind="vae", seed=0), keras.optimizers.Adam(2e-3))
    for _ in range(warmup):
        model.train_on_batch(x, x)
    t0 = time.perf_counter()
    for _ in range(steps):
        model.train_on_batch(x, x)  # returns the loss as a number: each step has finished
    return 1000 * (time.perf_counter() - t0) / steps


def keras_in_child(steps, warmup, threads):
    """keras_step_ms in a fresh Python (TensorFlow's thread count is fixed once it has started)."""
    command = [sys.executable, os.path.abspath(__file__), "--keras-only", "--keras-threads", str(threads)]
    command += ["--keras-steps", str(steps), "--keras-warmup", str(warmup)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return float(done.stdout.split()[-1])


def step_times(wasm, webgl, keras, profile, args, report):
    (gl_ms, gl_backend, gl_steps), (keras_ms, keras_one) = webgl, keras
    report("## 3. Time per training step (batch 100)")
    report("| what | ms per step |")
    report("|---|---|")
    report(
        f"| page, WASM, as the learner sees it (status().seconds / steps over {wasm['seconds']:.0f} s, "
        f"snapshots included) | {wasm['step_ms']:.1f} |"
    )
    report(f"| page, WASM, the steps alone (the same, less the snapshots' time) | {wasm['between_ms']:.1f} |")
    report(
        f"| page, WASM, one held-out snapshot (the worker's clock, mean of {wasm['snapshots']}) | "
        f"{wasm['snapshot_ms']:.0f} |"
    )
    report(
        f"| page, WebGL = SwiftShader (software) here, {args['webgl']:g} s, {gl_steps:,} steps, backend "
        f"{gl_backend}, as the learner sees it (first steps compile shaders) | {gl_ms:.1f} |"
    )
    report(
        f"| Keras 3 / TF, train_on_batch, mean of {args['keras_steps']} after {args['warmup']}, TensorFlow's "
        f"default threads | {keras_ms:.2f} |"
    )
    report(f"| Keras 3 / TF, the same on one thread (like the page's WASM, see below) | {keras_one:.2f} |")
    report(
        f"Page (WASM, as seen) ÷ Keras: {wasm['step_ms'] / keras_ms:.1f}× (target ≤ 2×); steps alone ÷ Keras: "
        f"{wasm['between_ms'] / keras_ms:.1f}×; page ÷ Keras on one thread: {wasm['step_ms'] / keras_one:.1f}×. "
        f"The trainer's WASM backend runs {wasm['threads']} thread(s) on this machine's {os.cpu_count()} CPUs "
        f"(window.crossOriginIsolated is {wasm['isolated']}; tfjs's threaded build, on hardwareConcurrency / 2 "
        "threads, is taken from 4 logical CPUs: static/js/core/wasm-threads.js, bench/wasm_threads.py)."
    )
    report()
    report(
        f"Where a WASM step's time goes: the worker's kernels over {profile['steps']:,} steps of training "
        "(TensorFlow.js's profiler: each kernel's wall time; it slows the steps a little; the snapshots' "
        "kernels included), the 8 costliest:"
    )
    report("| kernel | input shapes | calls per step | ms per step |")
    report("|---|---|---|---|")
    for name, shapes, calls, ms in profile["kernels"][:8]:
        report(f"| {name} | {shapes} | {calls:.1f} | {ms:.2f} |")
    total = sum(r[3] for r in profile["kernels"])
    report(
        f"All {sum(r[2] for r in profile['kernels']):.0f} kernels per step: {total:.1f} ms. The batch's "
        f"{profile['products']:.0f} products through the 784 ↔ 256 layers (forward, and the gradients "
        f"Adam needs) alone: {profile['products_ms']:.1f} ms per step = {profile['products_ms'] / keras_ms:.1f}× "
        "Keras's whole step."
    )
    return wasm["step_ms"] / keras_ms


# ---- 4. slider drag ----


def drag(page, seconds):
    """{moves, draws, seconds, latencies}: the #explore sliders dragged for `seconds`, one move a frame."""
    page.evaluate("window.scrollTo(0, 0)")
    return page.evaluate(DRAG, {"seconds": seconds})


def percentile(values, q):
    return statistics.quantiles(values, n=100)[q - 1] if len(values) > 1 else (values[0] if values else float("nan"))


def drag_figures(page, seconds, report):
    """The drag with the trainer running, then paused; returns the share of moves drawn while training."""
    page.evaluate("window.vaeDemo.training.start({})")
    try:
        busy = drag(page, seconds)
        s = status(page)
    finally:
        page.evaluate("window.vaeDemo.training.pause()")
    idle = drag(page, seconds)
    report("## 4. Dragging the #explore sliders (z1, then z2), one move per animation frame")
    report("| trainer | moves | moves per second | drawn | share drawn | latency p50 / p95 (ms) |")
    report("|---|---|---|---|---|---|")
    for name, d in ((f"training ({s['backend']})", busy), ("paused", idle)):
        lat = d["latencies"]
        report(
            f"| {name} | {d['moves']:,} | {d['moves'] / d['seconds']:.0f} | {d['draws']:,} | "
            f"{100 * d['draws'] / max(d['moves'], 1):.1f}% | {percentile(lat, 50):.1f} / {percentile(lat, 95):.1f} |"
        )
    return busy["draws"] / max(busy["moves"], 1)


# ---- 5. β sweep ----


def sweep(page, seconds, report):
    """Held-out reconstruction and KL after `seconds` from the same start, for each β; returns the rows."""
    rows = []
    for beta in SWEEP:
        page.evaluate("window.vaeDemo.training.reset()")
        s = train_for(page, seconds, beta=beta)
        rows.append((beta, s))
    report(f"## 5. β sweep: reset (same initial weights), {seconds:g} s of training each, WASM")
    report("| β | steps | held-out reconstruction | held-out KL | held-out −ELBO (β = 1 weighting) |")
    report("|---|---|---|---|---|")
    for beta, s in rows:
        h = s["heldOut"]
        report(f"| {beta:g} | {s['steps']:,} | {h['reconstruction']:.1f} | {h['kl']:.2f} | {h['negElbo']:.1f} |")
    return [(beta, s["heldOut"]["reconstruction"], s["heldOut"]["kl"]) for beta, s in rows]


def ordered(rows):
    """(KL strictly decreasing with β, reconstruction increasing with β)."""
    kls = [kl for _, _, kl in rows]
    recons = [recon for _, recon, _ in rows]
    return all(a > b for a, b in zip(kls, kls[1:])), all(a < b for a, b in zip(recons, recons[1:]))


# ---- the run ----


def summary(f, report):
    met = lambda ok: "met" if ok else "**missed**"
    kl_down, recon_up = ordered(f["sweep"])
    report("## Against the targets")
    report("| figure | measured | target | |")
    report("|---|---|---|---|")
    report(
        f"| trainer bytes fetched before #train is opened | {f['bytes']['extra']:,} | 0 | "
        f"{met(not f['bytes']['training'])} |"
    )
    report(
        f"| held-out −ELBO after {f['wasm']['seconds']:.0f} s, WASM, β = 1 (nats/image) | "
        f"{f['wasm']['neg_elbo']:.1f} | ≤ 165 | {met(f['wasm']['neg_elbo'] <= 165)} |"
    )
    report(f"| step time, page (WASM) ÷ Keras | {f['ratio']:.1f}× | ≤ 2× | {met(f['ratio'] <= 2)} |")
    report(f"| slider moves drawn while training | {100 * f['drawn']:.1f}% | ≥ 95% | {met(f['drawn'] >= 0.95)} |")
    report(
        f"| β sweep {', '.join(f'{b:g}' for b, _, _ in f['sweep'])}: KL strictly decreasing, reconstruction "
        f"increasing | KL {'yes' if kl_down else 'no'}, reconstruction {'yes' if recon_up else 'no'} | both | "
        f"{met(kl_down and recon_up)} |"
    )


def in_browser(server, args, report):
    """Every figure the browser gives: (bytes, wasm curve, webgl step time, share drawn, sweep)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        report(
            f"Machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} / {os.getloadavg()[1]:.2f} "
            f"(1 / 5 min) at the start; headless Chromium {browser.version}; {time.strftime('%Y-%m-%d %H:%M %Z')}"
        )
        report()
        f = {"bytes": bytes_before_opening(browser, server, report)}
        report()
        context, page = new_page(browser, server, "?backend=wasm")
        try:
            page.evaluate("window.vaeDemo.training.open()")
            f["wasm"] = curve(page, args["seconds"], report)
            f["wasm"]["isolated"] = str(page.evaluate("window.crossOriginIsolated")).lower()
            f["wasm"]["threads"] = trainer_worker(page).evaluate("tf.wasm.getThreadsCount()")
            f["profile"] = kernel_profile(page, args["profile"])
            report()
            f["drawn"] = drag_figures(page, args["drag"], report)
            report()
            f["sweep"] = sweep(page, args["sweep"], report)
        finally:
            context.close()
        f["webgl"] = webgl_step_ms(browser, server, args["webgl"])
        browser.close()
    return f


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--seconds", type=float, default=60, help="seconds of β = 1 training on WASM for the curve")
    p.add_argument("--webgl-seconds", type=float, default=20, help="seconds of training on ?backend=webgl")
    p.add_argument("--sweep-seconds", type=float, default=30, help="seconds of training per β of the sweep")
    p.add_argument("--drag-seconds", type=float, default=10, help="seconds of slider drag, training and paused")
    p.add_argument("--profile-seconds", type=float, default=5, help="seconds of WASM training profiled by kernel")
    p.add_argument("--keras-steps", type=int, default=200, help="timed Keras steps (after 20 of warm-up)")
    p.add_argument("--quick", action="store_true", help="a minute's worth of everything (the smoke test)")
    p.add_argument("--out", help="also write the output here, as Markdown")
    p.add_argument("--keras-only", action="store_true", help=argparse.SUPPRESS)  # the Keras timing's child
    p.add_argument("--keras-threads", type=int, default=0, help=argparse.SUPPRESS)
    p.add_argument("--keras-warmup", type=int, default=20, help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.keras_only:
        print(f"{keras_step_ms(args.keras_steps, args.keras_warmup, args.keras_threads):.4f}")
        return
    if (
        min(args.seconds, args.webgl_seconds, args.sweep_seconds, args.drag_seconds, args.profile_seconds) <= 0
        or args.keras_steps < 1
    ):
        p.error("every duration must be > 0 and --keras-steps at least 1")
    import logging

    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # "task queue depth" chatter
    run, report = settings(args), Report()
    report(f"# The in-page trainer{' (--quick: too short to judge)' if args.quick else ''}")
    server = LiveServer(os.path.join(ROOT, "exported_model"), compressed=True)
    try:
        f = in_browser(server, run, report)
    finally:
        server.close()
    report()
    keras = [keras_in_child(run["keras_steps"], run["warmup"], threads) for threads in (0, 1)]
    f["ratio"] = step_times(f["wasm"], f["webgl"], keras, f["profile"], run, report)
    report()
    summary(f, report)
    report(f"Load average at the end: {os.getloadavg()[0]:.2f}")
    if args.out:
        with open(args.out, "w") as out:
            out.write("\n".join(report.lines) + "\n")


if __name__ == "__main__":
    main()
