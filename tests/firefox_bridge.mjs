// Firefox for the engine journey (tests/page/test_engines.py, tests/engines.py): Firefox ESR over WebDriver
// BiDi through puppeteer-core (no geckodriver), driven by pytest through this process's stdin and stdout.
//   node tests/firefox_bridge.mjs FIREFOX WIDTH HEIGHT
// One JSON command a line on stdin ({op, ...}); one JSON answer a line on stdout: {ok: value} or {error}.
// The ops: goto {url}; evaluate {fn, arg}: the JavaScript function `fn` (source text) called in the page with
// `arg`, its promise awaited, its JSON result returned; press {selector, key, times}: keys pressed in the
// element (selector null: on the page, nothing focused); choose {selector, value}: a <select>'s option;
// upload {selector, path}: a file chosen in an <input type=file>; click {selector}: a mouse click.
// "ready" is written once Firefox is up. The assertions stay in Python.

import readline from 'node:readline';
import puppeteer from 'puppeteer-core';

const [executablePath, width, height] = process.argv.slice(2);
const browser = await puppeteer.launch({ browser: 'firefox', executablePath, headless: true });
const page = await browser.newPage();
await page.setViewport({ width: Number(width), height: Number(height) });

const ops = {
  goto: async ({ url }) => { await page.goto(url); },
  evaluate: ({ fn, arg }) => page.evaluate(`(${fn})(${JSON.stringify(arg ?? null)})`),
  press: async ({ selector, key, times = 1 }) => {
    if (selector) await page.focus(selector);
    else await page.evaluate('document.activeElement && document.activeElement.blur()');
    for (let k = 0; k < times; k += 1) await page.keyboard.press(key);
  },
  choose: async ({ selector, value }) => { await page.select(selector, value); },
  upload: async ({ selector, path }) => { await (await page.$(selector)).uploadFile(path); },
  click: async ({ selector }) => { await page.click(selector); },
};

const say = (answer) => process.stdout.write(`${JSON.stringify(answer)}\n`);
say({ ok: 'ready' });
for await (const line of readline.createInterface({ input: process.stdin })) {
  const { op, ...args } = JSON.parse(line);
  try {
    say({ ok: (await ops[op](args)) ?? null });
  } catch (e) {
    say({ error: `${op}: ${e && e.message ? e.message : e}` });
  }
}
await browser.close();
