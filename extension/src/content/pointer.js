// Text under the pointer: which character the pointer is on, and the paragraph around it as context.
// Looks into open shadow roots; accepts a position only when the pointer is really over the glyph
// (caret APIs snap to the nearest character even over blank space).

/** Longest context sent for segmentation, in UTF-16 code units, centred on the pointer. */
export const MAX_CONTEXT = 400;

/** Open shadow roots under the point, innermost last. */
function shadowRootsAt(x, y) {
  const roots = [];
  let scope = document;
  for (let depth = 0; depth < 8; depth++) {
    const host = scope.elementsFromPoint(x, y).find((el) => el.shadowRoot && !roots.includes(el.shadowRoot));
    if (!host) break;
    roots.push(host.shadowRoot);
    scope = host.shadowRoot;
  }
  return roots;
}

function caretAt(x, y) {
  if (document.caretPositionFromPoint) {
    const roots = shadowRootsAt(x, y);
    const p = roots.length ? document.caretPositionFromPoint(x, y, { shadowRoots: roots }) : document.caretPositionFromPoint(x, y);
    return p ? { node: p.offsetNode, offset: p.offset } : null;
  }
  const r = document.caretRangeFromPoint?.(x, y);
  return r ? { node: r.startContainer, offset: r.startOffset } : null;
}

function charLength(text, i) {
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
}

function contains(rect, x, y) {
  return x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom;
}

/** Whether an element is an empty positioned layer, the kind sites put over text to catch clicks. */
function isOverlay(el) {
  if (el === document.documentElement || el === document.body || el.textContent.trim() !== '') return false;
  const position = getComputedStyle(el).position;
  return position === 'absolute' || position === 'fixed';
}

/**
 * The text node and UTF-16 offset of the character under (x, y), or null. Looks through transparent
 * overlays: an empty positioned layer on top lets the pointer through for the moment of the query (its
 * inline style is put back at once).
 */
export function characterAt(x, y) {
  const direct = glyphAt(x, y);
  if (direct) return direct;
  const lifted = [];
  try {
    for (const el of document.elementsFromPoint(x, y).slice(0, 3)) {
      if (!isOverlay(el)) break;
      lifted.push([el, el.style.getPropertyValue('pointer-events'), el.style.getPropertyPriority('pointer-events')]);
      el.style.setProperty('pointer-events', 'none', 'important');
      const behind = glyphAt(x, y);
      if (behind) return behind;
    }
    return null;
  } finally {
    for (const [el, value, priority] of lifted.reverse()) {
      if (value) el.style.setProperty('pointer-events', value, priority);
      else el.style.removeProperty('pointer-events');
    }
  }
}

function glyphAt(x, y) {
  const caret = caretAt(x, y);
  if (!caret || caret.node?.nodeType !== Node.TEXT_NODE) return null;
  const node = caret.node;
  const text = node.data;
  const range = document.createRange();
  for (const offset of [caret.offset, caret.offset - 1]) {
    if (offset < 0 || offset >= text.length) continue;
    range.setStart(node, offset);
    range.setEnd(node, offset + charLength(text, offset));
    for (const rect of range.getClientRects()) {
      if (contains(rect, x, y)) return { node, offset };
    }
  }
  return null;
}

const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEXTAREA', 'TEMPLATE']);

function isInline(el) {
  return getComputedStyle(el).display.startsWith('inline') || el.localName === 'span' && !el.style.display;
}

/** The nearest ancestor that is not inline: the paragraph a hovered character belongs to. */
function blockOf(node) {
  let el = node.parentElement;
  while (el && el.parentElement && isInline(el)) el = el.parentElement;
  return el;
}

/** The text of an element as a reader sees it: its text nodes joined, with where each one starts. */
export function textOf(element) {
  const pieces = [];
  let text = '';
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => (SKIPPED.has(n.parentElement?.tagName) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    pieces.push({ node: n, start: text.length });
    text += n.data;
  }
  return { text, pieces, base: 0 };
}

/**
 * The paragraph around a character: its text (capped around the character), the offset of the
 * character in it, and the text nodes it came from, so that offsets map back to DOM positions.
 */
export function contextOf(node, offset) {
  const block = blockOf(node) ?? node.parentNode;
  let { text, pieces } = textOf(block);
  let at = pieces.find((p) => p.node === node)?.start ?? -1;
  if (at < 0) {
    pieces = [{ node, start: 0 }];
    text = node.data;
    at = 0;
  }
  at += offset;
  // The window moves in steps of a quarter, so that the pointer moving along a long paragraph meets
  // the same text for a while (content/paragraphs.js keeps the words of each text it met).
  const step = MAX_CONTEXT / 4;
  const from = Math.max(0, Math.min(Math.floor((at - MAX_CONTEXT / 2) / step) * step, text.length - MAX_CONTEXT));
  const to = Math.min(text.length, from + MAX_CONTEXT);
  return { text: text.slice(from, to), offset: at - from, base: from, pieces };
}

/** A DOM range for the UTF-16 span [start, end) of a context (offsets relative to its text). */
export function rangeOf(context, start, end) {
  const locate = (target) => {
    const absolute = target + context.base;
    let last = context.pieces[0];
    for (const p of context.pieces) {
      if (p.start > absolute) break;
      last = p;
    }
    return { node: last.node, offset: Math.min(absolute - last.start, last.node.data.length) };
  };
  const a = locate(start);
  const b = locate(end);
  const range = document.createRange();
  range.setStart(a.node, a.offset);
  range.setEnd(b.node, b.offset);
  return range;
}
