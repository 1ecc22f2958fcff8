"""The noise lesson ("5.43: apple or banana?") in the real page: its arithmetic (noise/math.js) against
independent scipy computations, the posterior the page displays, seeded repeatability, the collapse of
information as σ grows, the object editor, and part 2 on the real model (samples z + σ·ε decoded by
the page, their spread over σ, the latent-plane cloud, the encoder's own σ)."""

import numpy as np
import pytest
from playwright.sync_api import expect
from scipy import integrate, special, stats

from tests.conftest import keras_decode, open_page

DEFAULT = {"cat": 1.2, "dog": 2.9, "apple": 5.43, "banana": 5.44, "elephant": 7.6, "kiwi": 9.3}
XS = list(DEFAULT.values())


def scipy_posterior(xs, received, sigma):
    if sigma == 0:
        d = np.abs(np.asarray(xs) - received)
        return (d == d.min()) / np.sum(d == d.min())
    log_like = stats.norm.logpdf(received, loc=np.asarray(xs), scale=sigma)
    return np.exp(log_like - special.logsumexp(log_like))


def scipy_accuracy(xs, sigma):
    """P(MAP names the sent object) = ∫ max_i p(y | x_i) / n dy (a different route from the page's)."""
    xs = np.asarray(xs, float)
    lo, hi = xs.min() - 12 * sigma, xs.max() + 12 * sigma
    f = lambda y: stats.norm.pdf(y, loc=xs, scale=sigma).max() / len(xs)  # noqa: E731
    return integrate.quad(f, lo, hi, points=sorted(set(xs)), limit=500, epsabs=1e-12)[0]


def scipy_mutual_information(xs, sigma):
    """I = h(Y) − h(Y | X), h(Y) of the Gaussian mixture by quadrature (nats)."""
    xs = np.asarray(xs, float)
    lo, hi = xs.min() - 12 * sigma, xs.max() + 12 * sigma

    def integrand(y):
        p = stats.norm.pdf(y, loc=xs, scale=sigma).mean()
        return -p * np.log(p) if p > 0 else 0.0

    h_y = integrate.quad(integrand, lo, hi, points=sorted(set(xs)), limit=500, epsabs=1e-12)[0]
    return h_y - 0.5 * np.log(2 * np.pi * np.e * sigma**2)


MATH = """async ([xs, sigmas, received]) => {
    const m = await import('/static/js/noise/math.js');
    return sigmas.map((s) => ({
        sigma: s,
        posterior: received.map((r) => m.posterior(xs, r, s)),
        accuracy: m.accuracy(xs, s),
        mi: m.mutualInformation(xs, s),
        groups: m.distinguishableCount(xs, s),
        cdf: [-3, -1, 0, 0.5, 2.5, 6].map((u) => m.normalCdf(u)),
    }));
}"""


def test_noise_math_agrees_with_scipy(page, live_server):
    open_page(page, live_server)
    sigmas = [0, 0.003, 0.05, 0.3, 0.7, 1.0, 2.0]
    received = [5.435, 5.43, 0.0, 3.1, 12.0, -4.0]
    results = page.evaluate(MATH, [XS, sigmas, received])
    for res in results:
        s = res["sigma"]
        assert res["cdf"] == pytest.approx(stats.norm.cdf([-3, -1, 0, 0.5, 2.5, 6]), abs=1e-13)
        for r, post in zip(received, res["posterior"]):
            assert post == pytest.approx(scipy_posterior(XS, r, s), abs=1e-12), (s, r)
            assert sum(post) == pytest.approx(1, abs=1e-12)
        if s == 0:
            assert res["accuracy"] == 1 and res["mi"] == pytest.approx(np.log(6)) and res["groups"] == 6
        else:
            assert res["accuracy"] == pytest.approx(scipy_accuracy(XS, s), abs=2e-7), s
            assert res["mi"] == pytest.approx(scipy_mutual_information(XS, s), abs=2e-6), s
    # σ = 0 exactly: the object at the received value gets 1 (apple, not banana 0.01 away).
    assert results[0]["posterior"][1] == [0, 0, 1, 0, 0, 0]
    # A tiny σ already splits apple and banana at their midpoint.
    assert results[1]["posterior"][0][2:4] == pytest.approx([0.5, 0.5], abs=1e-9)
    # Groups: objects closer than 4σ count as one.
    assert [r["groups"] for r in results] == [6, 5, 5, 5, 1, 1, 1]


def set_sigma(page, value):
    page.locator("#noise-sigma").fill(str(value))
    assert page.evaluate("window.vaeDemo.noise.lesson.sigma") == pytest.approx(value)


def shown_posterior(page):
    return page.evaluate("""() => Array.from(document.querySelectorAll('#noise-posterior li[data-name]'),
        (li) => ({ name: li.dataset.name, p: Number(li.dataset.p),
                   text: li.querySelector('.noise-post-p').textContent }))""")


@pytest.mark.parametrize("sigma", [0.0, 0.02, 0.3, 1.5])
def test_displayed_posterior_matches_bayes(page, live_server, sigma):
    open_page(page, live_server)
    page.locator("#noise-object").select_option(label="3. apple 5.43")
    set_sigma(page, sigma)
    page.get_by_role("button", name="Send once").click()
    page.evaluate("() => window.vaeDemo.noise.idle()")
    received = float(page.locator("#noise-received").get_attribute("data-received"))
    if sigma == 0:
        assert received == 5.43
    shown = shown_posterior(page)
    expected = dict(zip(DEFAULT, scipy_posterior(XS, received, sigma)))
    assert shown, "no plausible object listed"
    for item in shown:
        assert item["p"] == pytest.approx(expected[item["name"]], abs=1e-12)
        pct = 100 * expected[item["name"]]
        assert item["text"] in (f"{pct:.1f}%", ">99.9%")
    # Listed: every object at 1 % or more (at most three), most probable first.
    plausible = sorted((p for p in expected.values() if p >= 0.01), reverse=True)[:3]
    assert [i["p"] for i in shown] == pytest.approx(plausible, abs=1e-12)
    best = max(expected, key=expected.get)
    assert f"guess {best}" in page.locator("#noise-received").inner_text()
    if sigma == 0:
        assert shown == [{"name": "apple", "p": 1.0, "text": "100.0%"}]
        assert "✓ right" in page.locator("#noise-received").inner_text()
    # The bell curve (or, at σ = 0, its spike) is drawn around the received value.
    assert page.locator("#noise-line .noise-bell, #noise-line .noise-bell-spike").count() == 1
    assert page.locator("#noise-line .noise-window").count() == (1 if sigma > 0 else 0)


def test_seed_repeats_and_rate_matches_exact_accuracy(page, live_server):
    open_page(page, live_server)
    page.locator("#noise-object").select_option(label="5. elephant 7.60")
    set_sigma(page, 1.0)
    page.locator("#noise-seed").fill("2024")
    page.locator("#noise-seed").dispatch_event("change")
    page.get_by_role("button", name="Send 1,000").click()
    first = page.evaluate(
        "() => ({ ...window.vaeDemo.noise.lesson.tally, r: window.vaeDemo.noise.lesson.last.received })"
    )
    page.get_by_role("button", name="Restart from the seed").click()
    assert page.locator("#noise-tally").get_attribute("data-sends") == "0"
    page.get_by_role("button", name="Send 1,000").click()
    again = page.evaluate(
        "() => ({ ...window.vaeDemo.noise.lesson.tally, r: window.vaeDemo.noise.lesson.last.received })"
    )
    assert again == first and first["sends"] == 1000
    # Elephant sent 1,000 times at σ = 1: the MAP receiver is right when the noise keeps it nearer to
    # 7.6 than to 5.44 or 9.3, i.e. inside (6.52, 8.45).
    p_right = stats.norm.cdf((8.45 - 7.6) / 1.0) - stats.norm.cdf((6.52 - 7.6) / 1.0)
    se = np.sqrt(p_right * (1 - p_right) / 1000)
    assert abs(first["right"] / 1000 - p_right) < 4 * se
    text = page.locator("#noise-tally").inner_text()
    assert f"{first['right']:,} of 1,000" in text


def test_information_collapses_as_sigma_grows(page, live_server):
    open_page(page, live_server)
    rows = []
    for sigma in [0, 0.1, 0.25, 0.5, 1, 2]:
        set_sigma(page, sigma)
        rows.append(
            (
                float(page.locator("#noise-expected").get_attribute("data-accuracy")),
                int(page.locator("#noise-distinct").get_attribute("data-count")),
                float(page.locator("#noise-effective").get_attribute("data-effective")),
            )
        )
        if sigma > 0:
            assert rows[-1][0] == pytest.approx(scipy_accuracy(XS, sigma), abs=1e-6)
            assert rows[-1][2] == pytest.approx(np.exp(scipy_mutual_information(XS, sigma)), rel=1e-5)
    assert rows[0] == (1.0, 6, pytest.approx(6.0))
    for a, b in zip(rows, rows[1:]):
        assert b[0] <= a[0] and b[1] <= a[1] and b[2] <= a[2]
    assert rows[-1][1] == 1 and rows[-1][0] < 0.5
    assert "closer than 4σ" in page.locator("#noise-distinct").inner_text()
    assert "mutual information" in page.locator("#noise-effective").inner_text()


def test_objects_can_be_added_renamed_moved_removed(page, live_server):
    open_page(page, live_server)
    editor = page.locator("#noise-objects")
    assert editor.locator("tr").count() == 6
    page.get_by_label("Name of object 6").fill("lemon")
    page.get_by_label("Name of object 6").press("Tab")
    page.get_by_label("Position of object 6").fill("0.5")
    page.get_by_label("Position of object 6").press("Tab")
    page.get_by_role("button", name="Add an object").click()
    assert editor.locator("tr").count() == 7
    page.get_by_role("button", name="Remove object 1").click()
    assert editor.locator("tr").count() == 6
    objects = page.evaluate("window.vaeDemo.noise.lesson.objects.map((o) => [o.name, o.x])")
    assert objects[:5] == [["dog", 2.9], ["apple", 5.43], ["banana", 5.44], ["elephant", 7.6], ["lemon", 0.5]]
    assert len(objects) == 6 and 0 <= objects[5][1] <= 10
    labels = page.locator("#noise-line .noise-object").evaluate_all("(gs) => gs.map((g) => g.dataset.name)")
    assert labels == [o[0] for o in objects]
    options = page.locator("#noise-object option").all_inner_texts()
    assert options[4] == "5. lemon 0.50"
    # Out-of-range positions are clamped to the line.
    page.get_by_label("Position of object 1").fill("14")
    page.get_by_label("Position of object 1").press("Tab")
    assert page.evaluate("window.vaeDemo.noise.lesson.objects[0].x") == 10


def decoded_grid(page, sigma):
    page.locator("#noise-model-sigma").fill(str(sigma))
    page.evaluate("() => window.vaeDemo.noise.samples.idle()")
    st = page.evaluate("""() => { const s = window.vaeDemo.noise.samples.stats;
        return { sigma: s.sigma, z: s.z, codes: s.codes, values: Array.from(s.values), spread: s.spread }; }""")
    assert st["sigma"] == pytest.approx(sigma)
    return st


def test_samples_spread_grows_with_sigma(page, live_server, keras_tiny):
    open_page(page, live_server)
    page.evaluate("() => window.vaeDemo.state.setZ([0.4, -0.8], 'test')")
    spreads = []
    for sigma in [0, 0.5, 1, 2]:
        st = decoded_grid(page, sigma)
        values = np.asarray(st["values"]).reshape(16, 784)
        codes = np.asarray(st["codes"]).reshape(16, 2)
        assert st["z"] == pytest.approx([0.4, -0.8])
        per_pixel_std = values.std(axis=0)
        spreads.append(per_pixel_std.mean())
        assert st["spread"] == pytest.approx(spreads[-1], abs=1e-6)
        # The page decodes exactly z + σ·ε, like Keras does.
        assert np.abs(values - keras_decode(keras_tiny[1], codes)).max() <= 1e-3
        if sigma == 0:
            assert np.allclose(codes, [0.4, -0.8])
            assert per_pixel_std.max() == 0  # all 16 samples identical
        else:
            assert np.linalg.norm(codes - [0.4, -0.8], axis=1).std() > 0
    assert spreads[0] == 0
    assert all(b > a for a, b in zip(spreads, spreads[1:])), spreads
    # The two σ sliders are one σ.
    assert page.locator("#noise-sigma").input_value() == "2"
    # The 2-D model shows the cloud on the plane: z, 16 samples, the 2σ circle.
    assert page.locator("#noise-plane-figure").is_visible()
    assert page.locator("#noise-plane .noise-plane-sample").count() == 16
    circle = page.locator("#noise-plane .noise-plane-window")
    assert float(circle.get_attribute("r")) == pytest.approx(4.0)
    assert float(circle.get_attribute("cx")) == pytest.approx(0.4)


def test_new_noise_and_seed_repeat_the_samples(page, live_server):
    open_page(page, live_server)
    first = decoded_grid(page, 1.0)["codes"]
    page.get_by_role("button", name="New noise ε").click()
    second = decoded_grid(page, 1.0)["codes"]
    assert second != first
    page.get_by_role("button", name="Restart from the seed").click()
    page.evaluate("() => window.vaeDemo.noise.samples.idle()")
    assert page.evaluate("window.vaeDemo.noise.samples.stats.codes") == first


def test_encoder_sigma_is_shown_and_explained(page, live_server):
    open_page(page, live_server)
    assert page.locator("#noise-encoder").is_hidden()
    page.evaluate("""() => { const s = window.vaeDemo.state;
        s.setPosterior({ mu: Float32Array.from([1, -0.5]), sigma: Float32Array.from([0.1, 0.3]),
                         image: new Float32Array(784), source: 'upload' }, 'upload');
        s.setZ([1, -0.5], 'upload'); }""")
    decoded_grid(page, 0.8)
    box = page.locator("#noise-encoder")
    assert box.is_visible()
    text = page.locator("#noise-encoder-text").inner_text()
    assert "0.20 on average" in text and "0.10 on z1" in text and "0.30 on z2" in text
    assert "sure where this digit lives" in text and "4.0×" in text
    assert page.locator("#noise-encoder-bars .noise-enc-bar").count() == 2
    ellipse = page.locator("#noise-plane .noise-plane-encoder")
    assert [float(ellipse.get_attribute(a)) for a in ("cx", "cy", "rx", "ry")] == pytest.approx([1, -0.5, 0.2, 0.6])
    decoded_grid(page, 0.1)
    assert "inside that doubt" in page.locator("#noise-encoder-text").inner_text()
    page.evaluate("() => window.vaeDemo.state.setPosterior(null, 'test')")
    assert box.is_hidden()


def test_noise_lesson_leaks_no_tensors(page, live_server):
    """300 moves of σ with the grid on screen (decodes happen only while it is, samples.js onScreenOnly):
    the grid redraws all along (at most once a frame: every 10 moves the test waits, up to 60 frames, for
    a draw, without idle(), which would draw even off screen), then 1,000 sends and one animated send,
    with as many tensors alive at the end as before."""
    open_page(page, live_server)
    page.evaluate("() => window.vaeDemo.noise.samples.idle()")
    grid = page.locator("#noise-grid")
    grid.scroll_into_view_if_needed()
    expect(grid).to_be_in_viewport()
    result = page.evaluate("""async () => {
        const d = window.vaeDemo;
        const frame = () => new Promise((r) => requestAnimationFrame(r));
        const drawn = async (since) => {  // a draw after `since`, or 60 frames without one
            for (let f = 0; f < 60 && d.noise.samples.stats.draws === since; f += 1) await frame();
        };
        await d.state.model.encoder();  // other features preload the encoder's weights: let that finish first
        await d.noise.samples.idle();
        const before = tf.memory().numTensors;
        const drawsBefore = d.noise.samples.stats.draws;
        const input = document.getElementById('noise-model-sigma');
        for (let i = 0; i < 300; i += 1) {
            input.value = String((i % 200) / 100);
            input.dispatchEvent(new Event('input', { bubbles: true }));
            if (i % 10 === 9) await drawn(d.noise.samples.stats.draws);
        }
        const drawsMoving = d.noise.samples.stats.draws - drawsBefore;  // before idle(), which draws even off screen
        await d.noise.samples.idle();
        const last = { sigma: d.noise.samples.stats.sigma, draws: d.noise.samples.stats.draws - drawsBefore };
        d.noise.sendMany(1000);
        await d.noise.send();
        return { before, after: tf.memory().numTensors, drawsMoving, ...last,
                 sends: d.noise.lesson.tally.sends };
    }""")
    # off screen nothing would be drawn until idle(); on screen each of the 30 pauses saw a draw
    assert result["drawsMoving"] >= 30, result
    assert result["draws"] >= result["drawsMoving"] and result["draws"] <= 300
    assert result["sigma"] == pytest.approx(299 % 200 / 100)  # the last σ set is the one drawn
    assert result["sends"] == 1001
    assert result["after"] == result["before"], result
