// Where the card lives: a host element with a closed shadow root in the top frame when the top frame is
// reachable (same-origin iframes), so the card is never clipped by a frame; placed near the word inside
// the viewport and never over it.

import { CARD_CSS } from '../card/style.js';

const GAP = 6;
let host = null;
let root = null;

/** The window the card is drawn in: the top one if this frame may reach it, else this one. */
export function cardWindow() {
  try {
    if (window.top !== window && window.top.document) return window.top;
  } catch {
    // A cross-origin top frame: draw in this frame.
  }
  return window;
}

/** A rect of this frame moved into the coordinates of the card's window. */
function toCardWindow(rect, target) {
  let { left, top, right, bottom } = rect;
  for (let w = window; w !== target && w.frameElement; w = w.parent) {
    const frame = w.frameElement;
    const f = frame.getBoundingClientRect();
    const dx = f.left + frame.clientLeft;
    const dy = f.top + frame.clientTop;
    left += dx;
    right += dx;
    top += dy;
    bottom += dy;
  }
  return { left, top, right, bottom };
}

/** The card hosts in `doc`. They are put under its root element, so this looks there only: a search of
 *  the whole page would cost a walk of every node, at every pointer move that hides the card. */
function cardHosts(doc) {
  return [...(doc.documentElement?.children ?? [])].filter((e) => e.localName === 'redlens-card');
}

function ensureHost(doc) {
  if (host?.isConnected && host.ownerDocument === doc) return;
  host?.remove();
  // A card host left by an older instance of the script (the extension was reloaded) goes too.
  for (const stale of cardHosts(doc)) stale.remove();
  host = doc.createElement('redlens-card');
  root = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = CARD_CSS;
  root.append(style);
  doc.documentElement.append(host);
}

/** The document to build the card in. */
export function cardDocument() {
  return cardWindow().document;
}

/** Shows `card` (built in `cardDocument()`) near `wordRect` (in this frame's coordinates). */
export function showCard(card, wordRect) {
  const win = cardWindow();
  const doc = win.document;
  ensureHost(doc);
  root.querySelector('.card')?.remove();
  root.append(card);
  host.style.setProperty('--redlens-left', '0px');
  host.style.setProperty('--redlens-top', '0px');
  host.style.setProperty('--redlens-visibility', 'hidden');
  const word = toCardWindow(wordRect, win);
  const size = card.getBoundingClientRect();
  const vw = doc.documentElement.clientWidth;
  const vh = doc.documentElement.clientHeight;
  const below = word.bottom + GAP;
  const above = word.top - GAP - size.height;
  const top = below + size.height <= vh || above < 0 ? below : above;
  const left = Math.max(GAP, Math.min(word.left, vw - size.width - GAP));
  host.style.setProperty('--redlens-left', `${left}px`);
  host.style.setProperty('--redlens-top', `${Math.max(GAP, top)}px`);
  host.style.setProperty('--redlens-visibility', 'visible');
}

export function hideCard() {
  root?.querySelector('.card')?.remove();
  // A frame's script draws its card up here; if the frame is removed while the card shows, nothing is
  // left to close it. So the top frame, hiding its own, sweeps away every other card host too.
  if (window === window.top) {
    for (const other of cardHosts(document)) if (other !== host) other.remove();
  }
}

/** Whether an event target is the card itself (the pointer moved onto it). */
export function isCard(target) {
  return host !== null && target === host;
}
