// The content script: finds the word under the pointer, asks the background about it, highlights it
// and shows the card. Every handler is contained: an error here is logged, never thrown into the page.

import { ask } from '../shared/messages.js';
import { renderCard } from '../card/render.js';
import { characterAt, contextOf, rangeOf } from './pointer.js';
import { highlight, clearHighlight } from './highlight.js';
import { showCard, hideCard, isCard } from './card-host.js';
import { startAnnotating, stopAnnotating } from './annotate.js';
import { loadSettings, onSettingsChanged } from '../shared/settings.js';

const INSTANCE = Symbol.for('redlens.content');

function contained(fn) {
  return (...args) => {
    try {
      const result = fn(...args);
      if (result instanceof Promise) result.catch(report);
    } catch (error) {
      report(error);
    }
  };
}

function report(error) {
  // Disconnected after an extension update or reload: stop quietly.
  if (String(error?.message).includes('Extension context invalidated')) return stop();
  console.debug('RedLens:', error);
}

let pending = null; // the latest pointer position, handled once per frame
let scheduled = false;
let current = null; // { text, start, end } of the word shown
let request = 0;

function clear() {
  current = null;
  clearHighlight();
  hideCard();
}

async function lookAt(x, y) {
  const hit = characterAt(x, y);
  if (!hit) return clear();
  const context = contextOf(hit.node, hit.offset);
  if (current && current.text === context.text && context.offset >= current.start && context.offset < current.end) return;
  const id = ++request;
  const hover = await ask({ type: 'lookupAt', text: context.text, offset: context.offset });
  if (id !== request) return; // the pointer has moved on
  if (!hover) return clear();
  const word = hover.word;
  current = { text: context.text, start: word.start, end: word.end };
  const range = rangeOf(context, word.start, word.end);
  highlight(range);
  showCard(renderCard(document, word, hover.parts), range.getBoundingClientRect());
}

const onPointerMove = contained((event) => {
  if (isCard(event.target)) return;
  pending = { x: event.clientX, y: event.clientY };
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(
    contained(() => {
      scheduled = false;
      const { x, y } = pending;
      return lookAt(x, y);
    }),
  );
});

const onKeyDown = contained((event) => {
  if (event.key === 'Escape' && current) clear();
});

const onScroll = contained(() => current && clear());

function applySettings(settings) {
  if (settings.annotate) startAnnotating();
  else stopAnnotating();
}

function start() {
  loadSettings().then(applySettings, report);
  onSettingsChanged(contained(applySettings));
  document.addEventListener('mousemove', onPointerMove, { passive: true, capture: true });
  document.addEventListener('keydown', onKeyDown, { capture: true });
  window.addEventListener('scroll', onScroll, { passive: true, capture: true });
}

function stop() {
  document.removeEventListener('mousemove', onPointerMove, { capture: true });
  document.removeEventListener('keydown', onKeyDown, { capture: true });
  window.removeEventListener('scroll', onScroll, { capture: true });
  stopAnnotating();
  clear();
}

// A reloaded extension injects a new content script into pages that stay open: the old one stops.
globalThis[INSTANCE]?.stop?.();
globalThis[INSTANCE] = { stop };
start();
