// Moving z on the latent map: click or drag (pointer capture, so a drag may leave the canvas) and the
// arrow keys (Shift: bigger steps) set the two mapped numbers of z; the others keep their values.
// And the layer switches, and for codes of more than two numbers the pickers of which two are mapped.

import { fromPx, fromPy } from '../core/map-coords.js';
import { nudge, place } from './map-geometry.js';

const KEY_MOVES = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };

/** getView() → {dims, range}. */
export function bindMapInput(canvas, state, getView) {
  function moveTo(event) {
    const rect = canvas.getBoundingClientRect();
    const s = canvas.width;
    const { range } = getView();
    const x = fromPx(((event.clientX - rect.left) / rect.width) * s, range, s);
    const y = fromPy(((event.clientY - rect.top) / rect.height) * s, range, s);
    state.setZ(place(state.z, getView(), x, y), 'map');
  }

  canvas.addEventListener('pointerdown', (e) => {
    if (!state.model) return;
    canvas.setPointerCapture(e.pointerId);
    moveTo(e);
  });
  canvas.addEventListener('pointermove', (e) => {
    if (canvas.hasPointerCapture(e.pointerId)) moveTo(e);
  });
  canvas.addEventListener('keydown', (e) => {
    const move = KEY_MOVES[e.key];
    if (!move || !state.model) return;
    e.preventDefault();
    e.stopPropagation();  // the projector's arrows drive the sliders; here they move the marker
    const step = e.shiftKey ? 0.5 : 0.1;
    state.setZ(nudge(state.z, getView(), move[0] * step, move[1] * step), 'map');
  });
}

/**
 * The "across" and "up" pickers. getDims() → [x, y]; setDims(x, y) is called on a change (picking the
 * other axis's number swaps the two). Returns {offer(latentDim), show(x, y)}.
 */
export function bindDimPickers(xPick, yPick, getDims, setDims) {
  xPick.addEventListener('change', () => {
    const x = Number(xPick.value);
    const [dx, dy] = getDims();
    setDims(x, dy === x ? dx : dy);
  });
  yPick.addEventListener('change', () => {
    const y = Number(yPick.value);
    const [dx, dy] = getDims();
    setDims(dx === y ? dy : dx, y);
  });
  return {
    offer(latentDim) {
      for (const picker of [xPick, yPick]) {
        picker.replaceChildren(...Array.from({ length: latentDim }, (_, i) => new Option(`z${i + 1}`, String(i))));
      }
    },
    show(x, y) {
      xPick.value = String(x);
      yPick.value = String(y);
    },
  };
}

/** The "test digits" and "decoded manifold" switches: repaint, and render the manifold if it is wanted and missing. */
export function bindLayerSwitches(showPoints, showManifold, painter, manifold) {
  showPoints.addEventListener('change', painter.request);
  showManifold.addEventListener('change', () => {
    if (showManifold.checked && !manifold.ready) manifold.request();
    painter.request();
  });
}
