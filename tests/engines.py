"""The page in three engines behind one small interface, for the engine journey (tests/page/test_engines.py):
WebKit (WebKitGTK's MiniBrowser through WebKitWebDriver and Selenium, on an Xvfb display of its own),
Firefox (Firefox ESR over WebDriver BiDi through puppeteer-core: tests/firefox_bridge.mjs, a child process
spoken to in JSON lines) and Chromium (Playwright, the reference the others are compared with).

Each engine has: goto(url); evaluate(fn, arg): the JavaScript function `fn` (source text) called in the page
with `arg`, its promise awaited, its JSON result returned; press(selector, key, times): real key presses in
an element (selector None: on the page with nothing focused); choose(selector, value): a <select>'s option;
upload(selector, path): a file chosen in an <input type=file>; click(selector): a real click; close()."""

import json
import os
import shutil
import subprocess

from tests.harness import ROOT, Lines

MINIBROWSER = os.environ.get("MINIBROWSER", "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser")
WEBKIT_DRIVER = os.environ.get("WEBKIT_DRIVER", "/usr/bin/WebKitWebDriver")
FIREFOX = os.environ.get("FIREFOX", "/usr/bin/firefox-esr")
WIDTH, HEIGHT = 1280, 900
TIMEOUT = 180  # seconds one call may take (the journey's longest wait is training)

WAIT = """async ([ms, arg]) => {{
    const until = performance.now() + ms;
    for (;;) {{
        const value = await ({condition})(arg);
        if (value) return value;
        if (performance.now() > until) return null;
        await new Promise((r) => setTimeout(r, 50));
    }}
}}"""


def missing(engine):
    """Why `engine` cannot run here (a sentence naming what to install), or None."""
    needs = {
        "webkit": [
            (MINIBROWSER, "webkit2gtk-driver"),
            (WEBKIT_DRIVER, "webkit2gtk-driver"),
            (shutil.which("Xvfb"), "xvfb"),
        ],
        "firefox": [(FIREFOX, "firefox-esr"), (shutil.which("node"), "nodejs")],
    }[engine]
    absent = [(path, package) for path, package in needs if not path or not os.path.exists(path)]
    if engine == "firefox" and not os.path.isdir(os.path.join(ROOT, "node_modules", "puppeteer-core")):
        absent.append(("node_modules/puppeteer-core", "npm ci"))
    if not absent:
        return None
    return "; ".join(f"{path or package} is missing ({package})" for path, package in absent)


def wait(engine, condition, arg=None, timeout=60):
    """Wait in the page until the JavaScript function `condition` (of `arg`, may be async) returns a truthy
    value, polling every 50 ms; returns that value, or fails after `timeout` seconds saying which."""
    value = engine.evaluate(WAIT.format(condition=condition), [timeout * 1000, arg])
    assert value, f"{engine.name}: not within {timeout} s: {condition}"
    return value


class Xvfb:
    """An X display of its own (Xvfb picks a free number: -displayfd), for WebKitGTK's windows."""

    def __init__(self):
        read, write = os.pipe()
        self.process = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", "1600x1200x24", "-nolisten", "tcp"],
            pass_fds=[write],
            stderr=subprocess.DEVNULL,
        )
        os.close(write)
        with os.fdopen(read) as f:
            number = f.readline().strip()
        if not number:
            self.process.kill()
            raise RuntimeError("Xvfb did not start")
        self.display = f":{number}"

    def close(self):
        self.process.terminate()
        self.process.wait(10)


SELENIUM_KEYS = {"ArrowLeft": "ARROW_LEFT", "ArrowRight": "ARROW_RIGHT", "End": "END", "PageDown": "PAGE_DOWN"}
SELENIUM_CALL = """const done = arguments[arguments.length - 1];
Promise.resolve().then(() => ({fn})(arguments[0])).then(
    (ok) => done({{ ok: ok === undefined ? null : ok }}),
    (e) => done({{ error: String(e && e.stack || e) }}));"""


class WebKit:
    """WebKitGTK's MiniBrowser (--automation) through WebKitWebDriver, with Selenium, on its own Xvfb."""

    name = "webkit"

    def __init__(self):
        from selenium import webdriver
        from selenium.webdriver.webkitgtk.service import Service

        self.xvfb = Xvfb()
        options = webdriver.WebKitGTKOptions()
        options.binary_location = MINIBROWSER
        options.add_argument("--automation")
        service = Service(executable_path=WEBKIT_DRIVER, env={**os.environ, "DISPLAY": self.xvfb.display})
        try:
            self.driver = webdriver.WebKitGTK(options=options, service=service)
        except Exception:
            self.xvfb.close()
            raise
        self.driver.set_script_timeout(TIMEOUT)
        self.driver.set_window_size(WIDTH, HEIGHT)

    def goto(self, url):
        self.driver.get(url)

    def evaluate(self, fn, arg=None):
        answer = self.driver.execute_async_script(SELENIUM_CALL.format(fn=fn), arg)
        if "error" in answer:
            raise AssertionError(f"webkit: {answer['error']}")
        return answer["ok"]

    def _key(self, key):
        from selenium.webdriver.common.keys import Keys

        return getattr(Keys, SELENIUM_KEYS[key]) if key in SELENIUM_KEYS else key

    def press(self, selector, key, times=1):
        from selenium.webdriver.common.action_chains import ActionChains
        from selenium.webdriver.common.by import By

        keys = self._key(key) * times
        if selector:
            self.driver.find_element(By.CSS_SELECTOR, selector).send_keys(keys)
        else:
            self.evaluate("() => document.activeElement && document.activeElement.blur()")
            ActionChains(self.driver).send_keys(keys).perform()

    def choose(self, selector, value):
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support.select import Select

        Select(self.driver.find_element(By.CSS_SELECTOR, selector)).select_by_value(value)

    def upload(self, selector, path):
        from selenium.webdriver.common.by import By

        self.driver.find_element(By.CSS_SELECTOR, selector).send_keys(str(path))

    def click(self, selector):
        from selenium.webdriver.common.by import By

        self.driver.find_element(By.CSS_SELECTOR, selector).click()

    def close(self):
        try:
            self.driver.quit()
        finally:
            self.xvfb.close()


class Firefox:
    """Firefox ESR over WebDriver BiDi: puppeteer-core in tests/firefox_bridge.mjs, a child process."""

    name = "firefox"

    def __init__(self):
        self.process = subprocess.Popen(
            ["node", os.path.join(ROOT, "tests", "firefox_bridge.mjs"), FIREFOX, str(WIDTH), str(HEIGHT)],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.lines = Lines(self.process.stdout)
        self._answer(60)  # "ready"

    def _answer(self, timeout):
        answer = json.loads(self.lines.next(timeout))
        if "error" in answer:
            raise AssertionError(f"firefox: {answer['error']}")
        return answer["ok"]

    def _do(self, op, **args):
        self.process.stdin.write(json.dumps({"op": op, **args}) + "\n")
        self.process.stdin.flush()
        return self._answer(TIMEOUT)

    def goto(self, url):
        self._do("goto", url=url)

    def evaluate(self, fn, arg=None):
        return self._do("evaluate", fn=fn, arg=arg)

    def press(self, selector, key, times=1):
        self._do("press", selector=selector, key=key, times=times)

    def choose(self, selector, value):
        self._do("choose", selector=selector, value=value)

    def upload(self, selector, path):
        self._do("upload", selector=selector, path=str(path))

    def click(self, selector):
        self._do("click", selector=selector)

    def close(self):
        self.process.stdin.close()  # the bridge closes Firefox and exits
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class Chromium:
    """Debian's Chromium through Playwright (a context of the session's browser), as the reference."""

    name = "chromium"

    def __init__(self, browser):
        self.context = browser.new_context(
            viewport={"width": WIDTH, "height": HEIGHT}, locale="en-US", service_workers="block"
        )
        self.page = self.context.new_page()
        self.page.set_default_timeout(TIMEOUT * 1000)

    def goto(self, url):
        self.page.goto(url)

    def evaluate(self, fn, arg=None):
        return self.page.evaluate(fn, arg)

    def press(self, selector, key, times=1):
        if not selector:
            self.evaluate("() => document.activeElement && document.activeElement.blur()")
        press = self.page.locator(selector).press if selector else self.page.keyboard.press
        for _ in range(times):
            press(key)

    def choose(self, selector, value):
        self.page.locator(selector).select_option(value)

    def upload(self, selector, path):
        self.page.locator(selector).set_input_files(str(path))

    def click(self, selector):
        self.page.locator(selector).click()

    def close(self):
        self.context.close()


def launch(engine):
    """WebKit or Firefox, by name ("webkit", "firefox"); Chromium(browser) takes Playwright's browser."""
    return {"webkit": WebKit, "firefox": Firefox}[engine]()
