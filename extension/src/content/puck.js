// The puck, after 10ten Japanese Reader's: on a touch screen there is no pointer to rest on a word, and
// a finger covers what it touches. So a round handle sits at the edge of the screen; dragged, it explains
// the word just above it (marked by a small ring), as a mouse would, and it stays where it is let go.
// It lives in a closed shadow root under a host of no size with a random name, like the card.

import { elementName } from './names.js';
import { trusted } from './contain.js';

/** The puck's diameter: a touch target of at least 44 CSS pixels. */
const SIZE = 48;
/** How far above the puck's centre it looks, in CSS pixels: clear of the finger on it. */
const REACH = 46;
const MARGIN = 4;

const CSS = `
:host {
  all: initial !important; position: fixed !important; left: 0 !important; top: 0 !important;
  width: 0 !important; height: 0 !important; overflow: visible !important; z-index: 2147483647 !important;
  pointer-events: none !important;
}
.puck {
  position: fixed; width: ${SIZE}px; height: ${SIZE}px; box-sizing: border-box; border-radius: 50%;
  background: rgba(155, 28, 28, 0.82); border: 3px solid #fff; box-shadow: 0 2px 10px rgba(0,0,0,.3);
  pointer-events: auto; touch-action: none; cursor: grab; user-select: none; -webkit-user-select: none;
}
.puck.dragging { background: rgba(155, 28, 28, 0.6); }
.puck[hidden], .aim[hidden] { display: none; }
.aim {
  position: fixed; width: 10px; height: 10px; box-sizing: border-box; border-radius: 50%;
  border: 2px solid #9b1c1c; background: rgba(255, 255, 255, 0.7); pointer-events: none;
}
`;

const HOST = elementName();
let host = null;
let puck = null;
let aim = null;
let at = null; // the puck's centre, in viewport coordinates
let drag = null; // { id, dx, dy } while a finger drags it
let handlers = { onAim() {}, onRelease() {} };

function clamp(value, low, high) {
  return Math.max(low, Math.min(value, high));
}

function viewport() {
  const root = document.documentElement;
  return { width: root.clientWidth || innerWidth, height: root.clientHeight || innerHeight };
}

/** Moves the puck's centre to (x, y), kept inside the viewport with room above for where it looks. */
function moveTo(x, y) {
  const { width, height } = viewport();
  const half = SIZE / 2;
  at = { x: clamp(x, half + MARGIN, width - half - MARGIN), y: clamp(y, REACH + half, height - half - MARGIN) };
  puck.style.left = `${at.x - half}px`;
  puck.style.top = `${at.y - half}px`;
  aim.style.left = `${at.x - 5}px`;
  aim.style.top = `${at.y - REACH - 5}px`;
}

/** Where the puck looks: the point just above it. */
export function aimPoint() {
  return at && { x: at.x, y: at.y - REACH };
}

function build() {
  host = document.createElement(HOST);
  const root = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = CSS;
  puck = document.createElement('div');
  puck.className = 'puck';
  puck.setAttribute('role', 'slider');
  puck.setAttribute('aria-label', (globalThis.browser ?? globalThis.chrome).i18n.getMessage('puckLabel') || 'RedLens puck');
  aim = document.createElement('div');
  aim.className = 'aim';
  root.append(style, aim, puck);
  puck.addEventListener('pointerdown', trusted(onDown));
  puck.addEventListener('pointermove', trusted(onMove));
  puck.addEventListener('pointerup', trusted(onUp));
  puck.addEventListener('pointercancel', trusted(onUp));
  // The page's own touch handlers (its swipes and taps) must not see a drag of the puck.
  for (const type of ['touchstart', 'touchmove', 'touchend', 'click', 'contextmenu']) {
    puck.addEventListener(type, (e) => {
      e.stopPropagation();
      if (type === 'contextmenu' || type === 'touchmove') e.preventDefault();
    });
  }
}

function onDown(event) {
  event.stopPropagation();
  puck.setPointerCapture?.(event.pointerId);
  drag = { id: event.pointerId, dx: event.clientX - at.x, dy: event.clientY - at.y };
  puck.classList.add('dragging');
}

function onMove(event) {
  if (!drag || event.pointerId !== drag.id) return;
  event.stopPropagation();
  moveTo(event.clientX - drag.dx, event.clientY - drag.dy);
  handlers.onAim(aimPoint());
}

function onUp(event) {
  if (!drag || event.pointerId !== drag.id) return;
  event.stopPropagation();
  drag = null;
  puck.classList.remove('dragging');
  handlers.onRelease(aimPoint());
}

/**
 * Shows the puck (at the right edge, two thirds down, the first time; then where it was left).
 * `onAim(point)` is called as it moves with the point it looks at, `onRelease(point)` when let go.
 */
export function showPuck({ onAim, onRelease }) {
  handlers = { onAim, onRelease };
  if (!host) build();
  if (!host.isConnected) document.documentElement.append(host);
  const { width, height } = viewport();
  moveTo(at?.x ?? width - SIZE / 2 - 12, at?.y ?? Math.round(height * 0.66));
}

/** Removes the puck from the page (it keeps its place for the next show). */
export function hidePuck() {
  drag = null;
  host?.remove();
}

/** Hides the puck while something of RedLens's own covers the bottom of the screen (the post panel's
 *  sheet), and brings it back after. */
export function puckAside(aside) {
  if (!puck) return;
  puck.hidden = aside;
  aim.hidden = aside;
  if (aside) drag = null;
}

/** Whether an event target is the puck. */
export function isPuck(target) {
  return host !== null && target === host;
}

/** Keeps a shown puck inside the viewport after the viewport changed (rotation, a keyboard). */
export function keepPuckInView() {
  if (host?.isConnected && at) moveTo(at.x, at.y);
}
