// Taps. On a touch screen there is no hover: a tap on a word explains it, and a tap elsewhere closes the
// card. A finger that moves (a scroll, which the browser also reports by cancelling the pointer) or
// stays down (a long press, the system's own gesture for selection and menus) is never a tap.
// Read from pointer events, which every browser sends for touch (Firefox for Android included).

/** How far a finger may move, in CSS pixels, and still tap. */
const SLOP = 10;
/** How long a finger may stay down and still tap: longer is a long press. */
const LONG_PRESS_MS = 500;
/** How long after a touch the browser's compatibility mouse events are taken for that touch. */
const MOUSE_ECHO_MS = 1000;

let down = null; // { id, x, y, t } of the finger down now, while it may still be a tap
let lastTouch = -Infinity;

/** Whether a mouse event is the browser's echo of a recent touch (pointer moves after a tap), not a mouse. */
export function echoOfTouch(event) {
  return event.timeStamp - lastTouch < MOUSE_ECHO_MS;
}

/**
 * The handlers that turn pointer events into taps: `onTap(x, y, event)` for each tap. `ignore(event)`
 * says which touches are not the page's (on RedLens's own card or puck). Returns them by event type,
 * for the caller to add and remove (and to wrap: they are given the page's raw events).
 */
export function tapHandlers(onTap, ignore) {
  return {
    pointerdown(event) {
      if (event.pointerType !== 'touch') return;
      lastTouch = event.timeStamp;
      // A second finger makes it a pinch, not a tap.
      down = event.isPrimary && !ignore(event) ? { id: event.pointerId, x: event.clientX, y: event.clientY, t: event.timeStamp } : null;
    },
    pointermove(event) {
      if (event.pointerType !== 'touch' || !down || event.pointerId !== down.id) return;
      lastTouch = event.timeStamp;
      if (Math.hypot(event.clientX - down.x, event.clientY - down.y) > SLOP) down = null;
    },
    pointercancel(event) {
      if (event.pointerType === 'touch') down = null;
    },
    pointerup(event) {
      if (event.pointerType !== 'touch') return;
      lastTouch = event.timeStamp;
      const tap = down && event.pointerId === down.id && event.timeStamp - down.t < LONG_PRESS_MS;
      const at = down;
      down = null;
      if (tap && Math.hypot(event.clientX - at.x, event.clientY - at.y) <= SLOP) onTap(at.x, at.y, event);
    },
  };
}
