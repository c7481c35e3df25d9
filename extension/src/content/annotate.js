// Annotation mode: underlines the slang, memes, abbreviations, number slang, emoji codes and idioms of
// feed titles, the note and its comments, without waiting for a hover. Marks are painted with the CSS
// Custom Highlight API, so the page's DOM (which Vue owns) is never changed. It follows the single-page
// app: one debounced MutationObserver notices new, changed and recycled nodes, and work is batched in
// idle time.

import { ask } from '../shared/messages.js';
import { textOf, rangeOf } from './pointer.js';
import { contain } from './contain.js';
import { dropHighlight, pageHighlight } from './highlights.js';
import { MARKED } from './note-text.js';

const BATCH = 40;
const MAX_BLOCK = 4096;
const IDLE_TIMEOUT = 300;

let done = new WeakMap(); // element → the text it had when it was marked
const ranges = new Map(); // element → its ranges in the highlight
let queue = new Set();
let observer = null;
let timer = 0;
let enabled = false;
let knownLevel = 0; // words at or below this HSK level get no mark

const highlight = () => pageHighlight('marks');

const contained = (fn) => contain(fn, (error) => console.debug('RedLens:', error));

/** Queues the text blocks at `root`: the block it is in, and with `inside`, every block under it. */
function collect(root, inside = true) {
  const scope = root.nodeType === Node.ELEMENT_NODE ? root : root.parentElement;
  if (!scope) return;
  for (const selector of MARKED) {
    if (scope.matches?.(selector)) queue.add(scope);
    if (inside) for (const el of scope.querySelectorAll(selector)) queue.add(el);
    const block = scope.closest?.(selector);
    if (block) queue.add(block);
  }
}

function schedule() {
  if (timer) return;
  // Idle time, but never later than IDLE_TIMEOUT: a busy page still gets its marks.
  const idle = globalThis.requestIdleCallback ?? ((fn) => setTimeout(fn, 50));
  timer = idle(
    contained(() => {
      timer = 0;
      return run();
    }),
    { timeout: IDLE_TIMEOUT },
  );
}

async function run() {
  const h = highlight();
  if (!h || !enabled) return;
  for (const [el, old] of ranges) {
    if (el.isConnected) continue;
    for (const r of old) h.delete(r);
    ranges.delete(el);
  }
  const batch = [];
  for (const el of queue) {
    queue.delete(el);
    if (!el.isConnected) continue;
    // Nested matches (a span inside a marked block) are marked with their block.
    if (MARKED.some((s) => el.parentElement?.closest(s))) continue;
    const context = textOf(el);
    if (done.get(el) === context.text) continue;
    done.set(el, context.text);
    batch.push({ el, context });
    if (batch.length === BATCH) break;
  }
  if (batch.length === 0) return;
  const results = await ask({ type: 'annotate', texts: batch.map((b) => b.context.text.slice(0, MAX_BLOCK)) });
  batch.forEach(({ el, context }, i) => {
    for (const old of ranges.get(el) ?? []) h.delete(old);
    const mine = [];
    // [start, end, kinds, HSK level] of each unit worth a mark.
    const spans = results[i];
    for (let k = 0; k + 3 < spans.length; k += 4) {
      const level = spans[k + 3];
      if (level > 0 && level <= knownLevel) continue;
      const r = rangeOf(context, spans[k], spans[k + 1]);
      h.add(r);
      mine.push(r);
    }
    ranges.set(el, mine);
  });
  if (queue.size) schedule();
}

/** Starts marking the page and following its changes; words at or below HSK level `knownHsk` (0:
 *  none) get no mark. Called again with another level, marks the page anew. */
export function startAnnotating({ knownHsk = 0 } = {}) {
  if (enabled && knownHsk === knownLevel) return;
  if (enabled) stopAnnotating();
  knownLevel = knownHsk;
  enabled = true;
  collect(document.body);
  schedule();
  observer = new MutationObserver(
    contained((records) => {
      for (const r of records) {
        // The target of a childList change is the parent of what was added: only the block it is in
        // may have changed, not everything under it (a comment list would be scanned whole for each
        // new comment).
        collect(r.target, false);
        for (const n of r.addedNodes) collect(n);
      }
      schedule();
    }),
  );
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
}

/** Stops and removes every mark. */
export function stopAnnotating() {
  enabled = false;
  observer?.disconnect();
  observer = null;
  queue = new Set();
  done = new WeakMap();
  ranges.clear();
  dropHighlight('marks');
}
