// Helpers shared by the browser tests: where a piece of text is on the page, what the card shows, and
// waiting for either.

import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Runs in the page: the centre of character `index` of the first occurrence of `needle` in the text of
 * `selector` (looking into open shadow roots), or null.
 */
export function charCentre({ selector, needle, index }) {
  const roots = [document];
  const all = [...document.querySelectorAll('*')];
  for (const el of all) if (el.shadowRoot) roots.push(el.shadowRoot);
  for (const root of roots) {
    const scope = root.querySelector(selector) ?? (root !== document && root.host.matches(selector) ? root : null);
    if (!scope) continue;
    const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
    // Join the text nodes, as a reader sees them, and find the needle across spans.
    const nodes = [];
    let text = '';
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      nodes.push({ n, start: text.length });
      text += n.data;
    }
    const at = text.indexOf(needle);
    if (at < 0) continue;
    const target = at + index;
    const hit = nodes.filter((x) => x.start <= target).pop();
    const range = document.createRange();
    range.setStart(hit.n, target - hit.start);
    range.setEnd(hit.n, target - hit.start + 1);
    const r = range.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  }
  return null;
}

/** What RedLens's hosts hold, by which the tests know them: their names are random for each page
 *  load. Class names found in the card's, the panel's and the puck's shadow roots. */
export const SHADOW_MARKERS = Object.freeze({ card: ['card'], panel: ['open', 'panel'], puck: ['puck'], outlines: ['line-outline'] });

/** Runs in Node: of a DevTools DOM tree (DOM.getDocument with `pierce`), the node of RedLens's `which`
 *  host ('card' or 'panel'), known by what its shadow root holds; null where there is none. */
export function shadowHost(root, which) {
  const holds = (node, classes) => {
    const i = node.attributes?.indexOf('class') ?? -1;
    const own = i >= 0 ? node.attributes[i + 1].split(' ') : [];
    return own.some((c) => classes.includes(c)) || (node.children ?? []).some((child) => holds(child, classes));
  };
  const host = (node) => (node.shadowRoots?.length && holds(node.shadowRoots[0], SHADOW_MARKERS[which]) ? node : null);
  const find = (node) => host(node) ?? (node.children ?? []).map(find).find(Boolean) ?? null;
  return find(root);
}

/**
 * Runs in the page: the text of every range of every highlight, sorted, by highlight name. RedLens's
 * highlight names are random for each page load, so the tests know its marks by what they cover.
 */
export function highlightTexts() {
  const out = {};
  CSS.highlights.forEach((h, name) => {
    const texts = [];
    h.forEach((r) => texts.push(String(r)));
    out[name] = texts.sort();
  });
  return out;
}

/** Runs in the page: how many elements RedLens added under the root element (its card and panel hosts:
 *  custom elements with random names). */
export function hostCount() {
  return [...document.documentElement.children].filter((e) => e.localName.includes('-')).length;
}

/** Of `highlightTexts()`, the marks: the texts of the highlight with the most ranges ([] where none). */
export function marksOf(highlights) {
  return Object.values(highlights ?? {}).reduce((best, t) => (t.length > best.length ? t : best), []);
}

/**
 * Runs with `this` bound to the card's shadow root (which is closed to the page; the tests reach it
 * through the browsers' DevTools and WebDriver BiDi): what the card shows, or null.
 */
export function cardProbe() {
  const card = this.querySelector('.card');
  if (!card) return null;
  const style = getComputedStyle(card);
  const first = card.querySelector('.entry');
  return {
    text: card.textContent,
    rootClass: card.className,
    headwords: [...card.querySelectorAll('.entry .headline .hanzi:not(.traditional)')].map((e) => e.textContent),
    traditional: first?.querySelector('.traditional')?.textContent ?? null,
    pinyin: first?.querySelector('.pinyin')?.textContent ?? null,
    toneClasses: [...(first?.querySelectorAll('.pinyin span') ?? [])].map((s) => s.className),
    badges: [...(first?.querySelectorAll('.badge') ?? [])].map((e) => e.textContent),
    meaning: first?.querySelector('.meaning')?.textContent ?? null,
    parts: [...card.querySelectorAll('.part .hanzi')].map((e) => e.textContent),
    partGlosses: [...card.querySelectorAll('.part .gloss')].map((e) => e.textContent),
    saved: card.querySelector('.actions .save')?.getAttribute('aria-pressed') ?? null,
    status: card.querySelector('.actions .status')?.textContent ?? null,
    translation: translationOf(card.querySelector('.card-translation'), (e) => e?.getBoundingClientRect().toJSON() ?? null),
    saveButton: card.querySelector('.actions .save')?.getBoundingClientRect().toJSON() ?? null,
    listenButton: card.querySelector('.actions .speak')?.getBoundingClientRect().toJSON() ?? null,
    fontSize: style.fontSize,
    color: style.color,
    rect: card.getBoundingClientRect().toJSON(),
  };
}

/**
 * Runs with `this` bound to the post panel's shadow root: its button, whether it is open, the view
 * shown, the glossary lines and the reading view's words with their pinyin and gloss lines.
 */
export function panelProbe() {
  const button = this.querySelector('.open');
  const panel = this.querySelector('.panel');
  const rect = (e) => e?.getBoundingClientRect().toJSON() ?? null;
  return {
    button: button && !button.hidden ? rect(button) : null,
    open: Boolean(panel && !panel.hidden),
    view: this.querySelector('.tab[aria-selected="true"]')?.className.replace('tab tab-', '') ?? null,
    tabs: [...this.querySelectorAll('.tab')].map((t) => ({ name: t.className.replace('tab tab-', ''), rect: rect(t) })),
    items: [...this.querySelectorAll('.glossary .item')].map((i) => ({
      word: i.querySelector('.hanzi').textContent,
      pinyin: i.querySelector('.pinyin').textContent,
      badge: i.querySelector('.badge').textContent,
      meaning: i.querySelector('.meaning').textContent,
      rect: rect(i),
    })),
    rubies: [...this.querySelectorAll('ruby')].map((r) => [r.firstChild.textContent, r.querySelector('rt').textContent]),
    glosses: [...this.querySelectorAll('.gloss')].map((g) => g.textContent),
    empty: this.querySelector('.empty')?.textContent ?? null,
    readPictures: rect(this.querySelector('.read-pictures')),
    picturesStatus: this.querySelector('.pictures-status')?.textContent ?? null,
    status: this.querySelector('.status')?.textContent ?? null,
    listens: [...this.querySelectorAll('.listen')].map((b) => ({ label: b.getAttribute('aria-label'), rect: rect(b) })),
    translation: translationOf(this.querySelector('.translation-view'), rect),
  };
}

/** The source of a probe to run in the page (with `this` bound to a shadow root), with the helpers it
 *  calls: a probe travels as text. */
export function probeSource(probe) {
  return `function () { ${translationOf}; return (${probe}).call(this); }`;
}

/** What a translation view (card/translation-view.js) shows: its intro, its buttons and its sentences. */
function translationOf(view, rect) {
  if (!view) return null;
  const text = (e) => e?.textContent ?? null;
  return {
    intro: text(view.querySelector('.intro')),
    enable: rect(view.querySelector('.enable')),
    progress: view.querySelector('progress') !== null,
    rows: [...view.querySelectorAll('.sentence')].map((r) => ({
      zh: text(r.querySelector('.zh')),
      translated: text(r.querySelector('.translated')),
      plain: text(r.querySelector('.plain')),
      literal: text(r.querySelector('.literal')),
      note: text(r.querySelector('.note')),
      chips: [...r.querySelectorAll('.chip b')].map((b) => b.textContent),
    })),
  };
}

/** Runs in Node: reads `read()` every 100 ms until `ok` holds for what it returns (at most `tries`
 *  times), and returns the last read. The caller asserts on it, so a failure shows what was seen. */
export async function eventually(read, ok, tries = 50) {
  let last = null;
  for (let i = 0; i < tries; i++) {
    await sleep(100);
    last = await read();
    if (ok(last)) return last;
  }
  return last;
}

/**
 * Runs in Node: evaluates `fn` (async or not) in `page` until it returns something truthy, and returns
 * that; throws once `timeout` ms have passed. Playwright's `waitForFunction` counts a returned promise
 * as truthy, so it cannot wait on an async check such as a storage read.
 */
export async function until(page, fn, { arg, timeout = 15000 } = {}) {
  const value = await eventually(() => page.evaluate(fn, arg), Boolean, timeout / 100);
  if (!value) throw new Error(`still false after ${timeout} ms: ${fn}`);
  return value;
}

/**
 * Runs in the page, as the page's own script: made-up events over `{ x, y }` of every kind RedLens
 * answers to (pointer, mouse, touch, click), then made-up key presses of `keys`, on the document and on
 * the body. A page may do all of this; none of it may act for the user.
 */
export function forgeEvents({ x, y, keys = [] }) {
  const target = document.elementFromPoint(x, y) ?? document.body;
  const at = { bubbles: true, cancelable: true, composed: true, clientX: x, clientY: y, view: window };
  const events = [
    new PointerEvent('pointermove', at),
    new MouseEvent('mousemove', at),
    new MouseEvent('mouseover', at),
    new PointerEvent('pointerdown', at),
    new MouseEvent('mousedown', at),
    new PointerEvent('pointerup', at),
    new MouseEvent('mouseup', at),
    new MouseEvent('click', at),
  ];
  if (typeof Touch === 'function' && typeof TouchEvent === 'function') {
    try {
      const touch = new Touch({ identifier: 1, target, clientX: x, clientY: y });
      events.push(
        new TouchEvent('touchstart', { ...at, touches: [touch], targetTouches: [touch], changedTouches: [touch] }),
        new TouchEvent('touchend', { ...at, changedTouches: [touch] }),
      );
    } catch {
      // This browser makes no touches here; the mouse events stand in.
    }
  }
  for (const e of events) target.dispatchEvent(e);
  for (const e of events.slice(0, 2)) document.dispatchEvent(new e.constructor(e.type, at));
  for (const key of keys) {
    for (const where of [document, document.body]) {
      where.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
      where.dispatchEvent(new KeyboardEvent('keyup', { key, bubbles: true, cancelable: true }));
    }
  }
}

/**
 * Runs in the page: from now on, notes in `window.__cardsAt` every frame in which something RedLens
 * added (an element under the root element) covers one of `points` (just below a word, where its card
 * opens). It sees what the page could see, by hit-testing.
 */
export function watchForCards(points) {
  window.__cardsAt = [];
  const ours = (el) => el?.parentElement === document.documentElement && el.localName.includes('-');
  let shown = false;
  const frame = () => {
    const now = points.some((p) => ours(document.elementFromPoint(p.x, p.y)));
    if (now && !shown) window.__cardsAt.push(performance.now());
    shown = now;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/** Runs in the page: the boxes of the elements RedLens added under the root element. */
export function hostBoxes() {
  return [...document.documentElement.children]
    .filter((e) => e.localName.includes('-'))
    .map((e) => e.getBoundingClientRect().toJSON());
}
