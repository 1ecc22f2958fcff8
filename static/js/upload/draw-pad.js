// The draw pad: a white 280×280 canvas drawn on with pointer events (mouse, touch, pen), MNIST-thick
// round strokes, strokes kept for undo, a clear button. It only draws; onDraw() is called after every
// change of the drawing, and pixels() reads it back for the analysis.

const PAD_STROKE = 24;  // px on the 280 px pad: strokes about as thick, relative to the digit, as MNIST's

function paintStroke(ctx, points, from) {
  ctx.strokeStyle = '#111';
  ctx.fillStyle = '#111';
  ctx.lineWidth = PAD_STROKE;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.beginPath();
  if (points.length === 1) {
    ctx.arc(points[0][0], points[0][1], PAD_STROKE / 2, 0, 2 * Math.PI);
    ctx.fill();
    return;
  }
  const start = Math.max(0, from - 1);
  ctx.moveTo(points[start][0], points[start][1]);
  for (let i = start + 1; i < points.length; i += 1) ctx.lineTo(points[i][0], points[i][1]);
  ctx.stroke();
}

/** Pointer listeners on the pad: one stroke at a time (a second finger is ignored). */
function listen(pad, { begin, extend, end }) {
  const point = (e) => {
    const r = pad.getBoundingClientRect();
    return [(e.clientX - r.left) * (pad.width / r.width), (e.clientY - r.top) * (pad.height / r.height)];
  };
  pad.addEventListener('pointerdown', (e) => {
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    if (!begin(e.pointerId, point(e))) return;
    e.preventDefault();
    try {
      pad.setPointerCapture(e.pointerId);
    } catch (err) { /* synthetic or already-gone pointer: drawing still works without capture */ }
  });
  pad.addEventListener('pointermove', (e) => {
    const points = () => {
      const events = typeof e.getCoalescedEvents === 'function' ? e.getCoalescedEvents() : [];
      return (events.length ? events : [e]).map(point);
    };
    if (extend(e.pointerId, points)) e.preventDefault();
  });
  for (const type of ['pointerup', 'pointercancel', 'lostpointercapture']) {
    pad.addEventListener(type, (e) => end(e.pointerId));
  }
}

/** pad: the canvas; undo, clear: its buttons. Returns {strokes, pixels()}. */
export function createDrawPad(pad, undo, clear, onDraw) {
  const ctx = pad.getContext('2d', { willReadFrequently: true });
  const strokes = [];
  let active = null;  // {pointerId, points}
  const repaint = () => {
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, pad.width, pad.height);
    for (const s of strokes) paintStroke(ctx, s, 0);
    undo.disabled = strokes.length === 0;
    clear.disabled = strokes.length === 0;
  };
  listen(pad, {
    begin(pointerId, p) {
      if (active) return false;
      active = { pointerId, points: [p] };
      strokes.push(active.points);
      repaint();
      onDraw();
      return true;
    },
    extend(pointerId, points) {
      if (!active || pointerId !== active.pointerId) return false;
      const from = active.points.length;
      active.points.push(...points());
      paintStroke(ctx, active.points, from);
      onDraw();
      return true;
    },
    end(pointerId) {
      if (!active || pointerId !== active.pointerId) return;
      active = null;
      onDraw();
    },
  });
  undo.addEventListener('click', () => {
    if (active) return;
    strokes.pop();
    repaint();
    if (strokes.length) onDraw();
  });
  clear.addEventListener('click', () => {
    active = null;
    strokes.length = 0;
    repaint();
  });
  repaint();
  return { strokes, pixels: () => ctx.getImageData(0, 0, pad.width, pad.height).data };
}
