// Where the card lives: a host element with a closed shadow root in the top frame when the top frame is
// reachable (same-origin iframes), so the card is never clipped by a frame; placed near the word inside
// the viewport and never over it. The host has a random name, no size and no attributes; the card and
// the mark over the word under the pointer are placed inside its shadow root. So the page learns
// nothing from it: not what the card says, nor how big it is, nor which word is marked (a highlight in
// CSS.highlights would be listed to the page).

import { CARD_CSS } from '../card/style.js';
import { elementName } from './names.js';

const GAP = 6;
const HOST = elementName();
let host = null;
let layer = null;
let placement = null; // { word, card } rects of the card shown, in the card window's coordinates

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

function ensureHost(doc) {
  if (host?.isConnected && host.ownerDocument === doc) return;
  host?.remove();
  host = doc.createElement(HOST);
  const root = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = CARD_CSS;
  layer = doc.createElement('div');
  root.append(style, layer);
  doc.documentElement.append(host);
}

/** The document to build the card in. */
export function cardDocument() {
  return cardWindow().document;
}

function place(el, { left, top, width, height }) {
  el.style.left = `${left}px`;
  el.style.top = `${top}px`;
  if (width !== undefined) el.style.width = `${width}px`;
  if (height !== undefined) el.style.height = `${height}px`;
}

const SVG = 'http://www.w3.org/2000/svg';

/** An outline of a picture's line through four corners (viewport pixels of this frame). */
function outlineOf(doc, win, corners) {
  const svg = doc.createElementNS(SVG, 'svg');
  svg.setAttribute('class', 'line-outline');
  const polygon = doc.createElementNS(SVG, 'polygon');
  const points = corners.map(([x, y]) => {
    const at = toCardWindow({ left: x, top: y, right: x, bottom: y }, win);
    return `${at.left},${at.top}`;
  });
  polygon.setAttribute('points', points.join(' '));
  svg.append(polygon);
  return svg;
}

/** Shows `card` (built in `cardDocument()`) near the word `range` (of this frame, or a stand-in with its
 *  rects), with the word marked: below it where there is room, else above; `above` turns that round (a
 *  finger or the puck is below). `outline`: the corners of a picture's line the word was read in. */
export function showCard(card, range, { above: preferAbove = false, outline = null } = {}) {
  const win = cardWindow();
  const doc = win.document;
  ensureHost(doc);
  const marks = [...range.getClientRects()].map((r) => {
    const at = toCardWindow(r, win);
    const mark = doc.createElement('div');
    mark.className = 'word-mark';
    place(mark, { left: at.left, top: at.top, width: at.right - at.left, height: at.bottom - at.top });
    return mark;
  });
  if (outline) marks.unshift(outlineOf(doc, win, outline));
  card.style.visibility = 'hidden';
  place(card, { left: 0, top: 0 });
  layer.replaceChildren(...marks, card);
  const word = toCardWindow(range.getBoundingClientRect(), win);
  const size = card.getBoundingClientRect();
  const vw = doc.documentElement.clientWidth;
  const vh = doc.documentElement.clientHeight;
  const below = word.bottom + GAP;
  const above = word.top - GAP - size.height;
  const fitsBelow = below + size.height <= vh;
  const top = preferAbove ? (above >= 0 || !fitsBelow ? above : below) : fitsBelow || above < 0 ? below : above;
  const left = Math.max(GAP, Math.min(word.left, vw - size.width - GAP));
  place(card, { left, top: Math.max(GAP, top) });
  card.style.visibility = 'visible';
  placement = { word, card: card.getBoundingClientRect() };
}

/** Lays a card (`makeCard(doc)`) out once, unseen, in a new host, so that the card's styles and fonts are
 *  resolved while a page's first lookup is under way rather than after its answer (on a cold
 *  background, the first layout cost as much as the lookup itself). Does nothing, and makes no card,
 *  once the host is there. */
export function prepareHost(makeCard) {
  const doc = cardDocument();
  if (host?.isConnected && host.ownerDocument === doc) return;
  ensureHost(doc);
  const card = makeCard(doc);
  card.style.visibility = 'hidden';
  place(card, { left: 0, top: 0 });
  layer.replaceChildren(card);
  card.getBoundingClientRect();
  layer.replaceChildren();
}

/** Outlines lines read in a picture (each four corners, viewport pixels of this frame), in place of any
 *  card: what can be pointed at. */
export function showOutlines(lines) {
  const win = cardWindow();
  ensureHost(win.document);
  layer.replaceChildren(...lines.map((corners) => outlineOf(win.document, win, corners)));
  placement = null;
}

/** Marks `rect` (viewport pixels of this frame) as being read, in place of any card. */
export function showReading(rect) {
  const win = cardWindow();
  ensureHost(win.document);
  const at = toCardWindow({ left: rect.x, top: rect.y, right: rect.x + rect.width, bottom: rect.y + rect.height }, win);
  const area = win.document.createElement('div');
  area.className = 'reading-area';
  place(area, { left: at.left, top: at.top, width: at.right - at.left, height: at.bottom - at.top });
  layer.replaceChildren(area);
  placement = null;
}

/** Where the word shown and its card are ({ word, card } rects), when the card is in this window (a
 *  frame's card, drawn in the top window, is not); else null. */
export function cardPlacement() {
  return placement && cardWindow() === window ? placement : null;
}

/** `fn()`, with the card letting the pointer through meanwhile (to find the text beneath it). */
export function throughCard(fn) {
  const card = layer?.querySelector('.card');
  if (!card) return fn();
  card.style.pointerEvents = 'none';
  try {
    return fn();
  } finally {
    card.style.pointerEvents = '';
  }
}

/** Hides the card and the mark over the word. */
export function hideCard() {
  layer?.replaceChildren();
  placement = null;
}

/** Removes the host: the script is stopping, or its frame is going away (a card a frame drew in the
 *  top window must not outlive the frame). */
export function removeCardHost() {
  host?.remove();
  host = null;
  layer = null;
}

/** Whether an event target is the card itself (the pointer moved onto it). */
export function isCard(target) {
  return host !== null && target === host;
}
