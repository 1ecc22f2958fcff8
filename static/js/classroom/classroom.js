// The class map (only with `python -m server --classroom`; <section id="classroom">): the address and
// QR code students join by, the shipped 2-D VAE's latent map with every student's code as a dot, a
// picked dot decoded beside it, per digit the count and the class's average digit, and, on the laptop
// that runs the server, the presenter's Clear, Stop/Resume and CSV. Students send from the "Your own
// digit" panel (send.js): the phone encodes its drawing with the 2-D VAE itself and sends only the 2
// numbers of the code. The map reads the class's codes by polling (poller.js) while it is on screen.
// Handle (window.vaeDemo.classMap): status(), send({digit}), codes(), pick(id), clear(),
// setAccepting(bool), poll(), idle(); on a page without the section, status().enabled is false.

import { encodeImage } from '../core/encode.js';
import { legend } from '../core/digit-colours.js';
import { byIds } from '../core/dom.js';
import { createFrameScheduler } from '../core/frame-scheduler.js';
import { msg, setText, t } from '../core/i18n.js';
import { LatentModel, findModel, loadLatentMap } from '../core/models.js';
import { NEAR, whenNear } from '../core/near.js';
import { plain } from '../core/format.js';
import { codesAfter, join, sendCode } from './api.js';
import { merge, nearest, perDigit } from './class-codes.js';
import { buildDigitsGrid, showDigits } from './digits-grid.js';
import { dotRadius, paintClassMap, placeOf } from './map-view.js';
import { createPoller } from './poller.js';
import { createSendBox, hasDigit } from './send.js';
import { bindPresenter } from './presenter.js';
import { wording } from './refusals.js';

export const MODEL = 'vae-2d';  // every student's code is a point of this model's map
const DECIMALS = 4;  // a code's numbers as sent: 4 decimals are far finer than the map can show

const IDS = { qr: 'class-qr', url: 'class-url', count: 'class-count', canvas: 'class-canvas',
  legend: 'class-legend', picked: 'class-picked', pickedCaption: 'class-picked-caption', digits: 'class-digits',
  unsaid: 'class-unsaid', note: 'class-note', presenter: 'class-presenter', clear: 'class-clear',
  accepting: 'class-accepting' };

const round = (v) => Number(v.toFixed(DECIMALS));
/** A send that did not happen: the reason as words now and as a msg() to word again. */
const refused = (message) => ({ ok: false, error: t(message.key, message.params), message });

class ClassMap {
  constructor(root, state, entry, onError) {
    this.n = byIds(root, IDS);
    this.state = state;
    this.entry = entry;
    this.onError = onError;
    this.codes = [];
    this.count = 0;
    this.accepting = true;
    this.lastSent = null;
    this.joinUrl = null;
    this.presenter = false;
    this.etag = null;
    this.picked = null;
    this.testCodes = null;
    this.loaded = null;  // Promise<LatentModel>: the 2-D VAE, loaded when the map comes near or on send
    this.digits = buildDigitsGrid(this.n.digits, this.n.unsaid);
    this.n.legend.replaceChildren(...legend());
    this.painter = createFrameScheduler(() => this.render(), onError);
    this.poller = createPoller(root, () => this.read(), (e) => this.showNote(wording(e)));
    this.sendBox = createSendBox(document, state, (digit) => this.send(digit));
    this.controls = bindPresenter(this.n, this);
    this.joined = this.join();
    whenNear(root, () => this.model().catch(onError), NEAR.below);
    this.bindMap();
    state.subscribe((what) => { if (what === 'lang') this.reword(); });
  }

  async join() {
    try {
      const answer = await join();
      this.joinUrl = answer.url;
      this.presenter = answer.presenter;
      this.poller.setPace(answer.poll_ms);
      this.n.url.textContent = answer.url;
      this.n.qr.src = 'class/join.svg';
      this.n.presenter.hidden = !answer.presenter;
    } catch (e) {
      this.showNote(wording(e));
    }
    this.reword();
  }

  /** The 2-D VAE (its decoder now, its encoder on first send) and its test digits' codes. */
  model() {
    if (!this.loaded) {
      this.loaded = LatentModel.load(this.entry).then(async (model) => {
        this.testCodes = await loadLatentMap(this.entry);
        this.painter.request();
        return model;
      });
      this.loaded.catch(() => { this.loaded = null; });
    }
    return this.loaded;
  }

  /** One poll: the codes after the last id seen; true when something changed. */
  async read() {
    const last = this.codes.length ? this.codes[this.codes.length - 1].id : 0;
    let answer = await codesAfter(last, this.etag);
    if (!answer) return false;
    const merged = merge(this.codes, answer.body);
    if (!merged.complete) {  // cleared meanwhile: read them all again (shown only once read, all at once)
      answer = await codesAfter(0, null);
      merged.codes = answer.body.codes;
    }
    this.codes = merged.codes;
    this.count = answer.body.count;
    this.accepting = answer.body.accepting;
    this.etag = answer.etag;
    if (this.picked !== null && !this.codes.some((c) => c.id === this.picked)) this.picked = null;
    this.reword();
    this.painter.request();
    return true;
  }

  /** Encode the panel's digit with the 2-D VAE and send its code: {ok, count} or {ok: false, error}. */
  async send(digit) {
    if (!hasDigit(this.state)) return refused(msg('class.err.noDigit'));
    const posterior = this.state.posterior;
    try {
      const model = await this.model();
      const { mu } = await encodeImage(model, await model.encoder(), posterior.image);
      const z = [round(mu[0]), round(mu[1])];
      const { count } = await sendCode(MODEL, z, digit);
      this.lastSent = { z, digit };
      this.count = count;
      this.reword();
      await this.poller.poll();
      return { ok: true, count };
    } catch (e) {
      return refused(wording(e));
    }
  }

  bindMap() {
    const { canvas } = this.n;
    canvas.addEventListener('click', (event) => {
      const box = canvas.getBoundingClientRect();
      const scale = canvas.width / box.width;
      const x = (event.clientX - box.left) * scale;
      const y = (event.clientY - box.top) * scale;
      const hit = nearest(this.codes, x, y, (z) => placeOf(z, canvas.width), 2.5 * dotRadius(canvas.width));
      if (hit) this.pick(hit.id);
    });
    canvas.addEventListener('keydown', (event) => {  // arrows step through the dots in the order sent
      const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
      if (!step || !this.codes.length) return;
      event.preventDefault();
      const at = this.codes.findIndex((c) => c.id === this.picked);
      const next = at === -1 ? (step > 0 ? 0 : this.codes.length - 1)
        : (at + step + this.codes.length) % this.codes.length;
      this.pick(this.codes[next].id);
    });
  }

  /** Decode the code `id` beside the map. */
  pick(id) {
    this.picked = this.codes.some((c) => c.id === id) ? id : null;
    this.reword();
    this.painter.request();
    return this.painter.idle();
  }

  async render() {
    const { codes, picked } = this;
    const own = this.lastSent && this.lastSent.z;
    const ownShown = own && codes.some((c) => c.z[0] === own[0] && c.z[1] === own[1]);
    paintClassMap(this.n.canvas, { testCodes: this.testCodes, codes, picked, own: ownShown ? own : null });
    const model = this.loaded ? await this.loaded : null;
    await showDigits(this.digits, perDigit(codes), model);
    const chosen = codes.find((c) => c.id === picked);
    this.n.picked.hidden = !chosen;
    if (chosen && model) await model.draw(chosen.z, this.n.picked);
  }

  /** Say again what the section shows: the count, the state, the picked code, the map's name. */
  reword() {
    setText(this.n.count, msg('class.count', { count: this.count }));
    this.showNote(this.accepting ? null : msg('class.stopped'));
    const chosen = this.codes.find((c) => c.id === this.picked);
    const where = chosen && { a: plain(chosen.z[0]), b: plain(chosen.z[1]) };
    if (!chosen) setText(this.n.pickedCaption, msg('class.pickHint'));
    else if (chosen.digit === null) setText(this.n.pickedCaption, msg('class.pickedNoDigit', where));
    else setText(this.n.pickedCaption, msg('class.picked', { ...where, digit: chosen.digit }));
    this.n.canvas.setAttribute('aria-label', t('class.mapLabel', { count: this.codes.length }));
    if (this.controls) this.controls.reword();
  }

  showNote(message) {
    if (message) setText(this.n.note, message);
    else this.n.note.textContent = '';
  }

  async idle() {
    await this.joined;
    await this.poller.idle();
    if (this.loaded) await this.loaded.catch(() => {});
    await this.painter.idle();
  }
}

/** The handle of a page without the class map (a server started without --classroom). */
const ABSENT = {
  status: () => ({ enabled: false, joinUrl: null, count: 0, accepting: false, lastSent: null }),
  send: async () => ({ ok: false, error: t('class.err.absent') }),
  codes: () => [],
  idle: async () => {},
};

/**
 * The feature contract's mount: the Class section inside `root` (#classroom; absent without
 * --classroom) and the send box in the upload panel. Returns its handle.
 */
export function mount({ root, state, manifest, onError }) {
  if (!root) return ABSENT;
  const entry = findModel(manifest, MODEL);
  if (!entry) {  // a models folder without the 2-D VAE: no map to put the codes on
    setText(root.querySelector('#class-note'), msg('class.err.noModel', { name: MODEL }));
    document.getElementById('class-send-box').hidden = true;
    return ABSENT;
  }
  const map = new ClassMap(root, state, entry, onError);
  return {
    status: () => ({ enabled: true, joinUrl: map.joinUrl, count: map.count, accepting: map.accepting,
      lastSent: map.lastSent && { z: [...map.lastSent.z], digit: map.lastSent.digit } }),
    send: async ({ digit = null } = {}) => {
      const { ok, count, error } = await (map.sendBox ? map.sendBox.send(digit) : map.send(digit));
      return ok ? { ok, count } : { ok, error };
    },
    codes: () => map.codes.map((c) => ({ id: c.id, z: [...c.z], digit: c.digit })),
    pick: (id) => map.pick(id),
    get picked() { return map.picked; },
    get presenter() { return map.presenter; },
    clear: () => map.controls.clear(),
    setAccepting: (on) => map.controls.setAccepting(on),
    poll: () => map.poller.poll(),
    idle: () => map.idle(),
  };
}
