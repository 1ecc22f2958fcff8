// Sending objects through the noise: one send (draw the noise, name the most probable object, count
// it), its animation (the packet flies from the sent object to the received value, one step per
// frame through the frame scheduler), 1,000 sends at once, and "keep sending" (send after send, with
// a short pause). Random draws come from the lesson's seeded generator, so a rehearsed demo repeats.

import { createFrameScheduler } from '../core/frame-scheduler.js';
import { gaussian } from '../core/random.js';
import { mapDecision, posterior, transmit } from './math.js';
import { drawPacket } from './number-line.js';

const FLIGHT_MS = 650;
const PAUSE_MS = { animated: 350, instant: 60 };  // between two sends while "keep sending" is on

/** One send of the chosen object through N(0, σ²) noise, counted in the tally: the record shown. */
export function sendOnce(lesson) {
  const sent = lesson.objects.find((o) => o.id === lesson.sentId);
  const xs = lesson.objects.map((o) => o.x);
  const received = transmit(sent.x, lesson.sigma, () => gaussian(lesson.rng));
  const p = posterior(xs, received, lesson.sigma);
  const guess = lesson.objects[mapDecision(xs, received)];
  lesson.tally.sends += 1;
  if (guess.id === sent.id) lesson.tally.right += 1;
  return {
    sentId: sent.id, sent: sent.name, from: sent.x, received, sigma: lesson.sigma,
    posterior: lesson.objects.map((o, i) => ({ id: o.id, name: o.name, x: o.x, p: p[i] })),
    guessId: guess.id, guess: guess.name, right: guess.id === sent.id,
  };
}

/**
 * lesson: the lesson's model ({objects, sentId, sigma, rng, tally, last, animating, auto});
 * line: the number line's SVG; render(): redraw the line and the words; onAuto(on): show the mode.
 * Returns {send, sendMany, setAuto, stopAuto, finish, idle}.
 */
export function createSender(lesson, { line, animate, render, onAuto }) {
  let nextAutoAt = 0;
  const frames = createFrameScheduler(frame);

  function frame() {
    const now = performance.now();
    const a = lesson.animating;
    if (a) {
      const t = Math.min(1, (now - a.start) / FLIGHT_MS);
      drawPacket(line, a.record.from + (a.record.received - a.record.from) * t, t);
      if (t < 1) {
        frames.request();
        return;
      }
      finish();
    }
    if (!lesson.auto) return;
    if (!lesson.animating && now >= nextAutoAt) send();
    frames.request();
  }

  /** Land the packet in flight now (if any): its send becomes the last one shown. */
  function finish() {
    const a = lesson.animating;
    if (!a) return;
    lesson.animating = null;
    lesson.last = a.record;
    nextAutoAt = performance.now() + PAUSE_MS.animated;
    render();
  }

  /** Send once; resolves with the record once it has landed. */
  function send({ animated = animate } = {}) {
    finish();
    const record = sendOnce(lesson);
    if (animated) {
      lesson.animating = { record, start: performance.now() };
      lesson.last = null;
      frames.request();
    } else {
      lesson.last = record;
      nextAutoAt = performance.now() + PAUSE_MS.instant;
    }
    render();
    return animated ? frames.idle().then(() => record) : Promise.resolve(record);
  }

  function sendMany(n = 1000) {
    stopAuto();
    finish();
    let record = null;
    for (let k = 0; k < n; k += 1) record = sendOnce(lesson);
    lesson.last = record;
    render();
    return record;
  }

  function setAuto(on) {
    lesson.auto = on;
    onAuto(on);
    if (on) {
      nextAutoAt = 0;
      frames.request();
    }
  }
  function stopAuto() {
    if (lesson.auto) setAuto(false);
  }

  return { send, sendMany, setAuto, stopAuto, finish, idle: frames.idle };
}
