// Where the card lives in the page: a host element with a closed shadow root, placed near the word
// inside the viewport and never over it.

import { CARD_CSS } from '../card/style.js';

const GAP = 6;
let host = null;
let root = null;

function ensureHost() {
  if (host?.isConnected) return;
  host = document.createElement('redlens-card');
  host.setAttribute('data-redlens', '');
  root = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = CARD_CSS;
  root.append(style);
  document.documentElement.append(host);
}

/** Shows `card` (a DOM node) near `wordRect`. */
export function showCard(card, wordRect) {
  ensureHost();
  root.querySelector('.card')?.remove();
  root.append(card);
  host.style.setProperty('--redlens-left', '0px');
  host.style.setProperty('--redlens-top', '0px');
  host.style.setProperty('--redlens-visibility', 'hidden');
  const size = card.getBoundingClientRect();
  const vw = document.documentElement.clientWidth;
  const vh = document.documentElement.clientHeight;
  const below = wordRect.bottom + GAP;
  const above = wordRect.top - GAP - size.height;
  const top = below + size.height <= vh || above < 0 ? below : above;
  const left = Math.max(GAP, Math.min(wordRect.left, vw - size.width - GAP));
  host.style.setProperty('--redlens-left', `${left}px`);
  host.style.setProperty('--redlens-top', `${Math.max(GAP, top)}px`);
  host.style.setProperty('--redlens-visibility', 'visible');
}

export function hideCard() {
  root?.querySelector('.card')?.remove();
}

/** Whether an event target is the card itself (the pointer moved onto it). */
export function isCard(target) {
  return host !== null && target === host;
}

/** The card's shadow root, for tests and for keyboard handling. */
export function cardShown() {
  return Boolean(root?.querySelector('.card'));
}
