// The text read in pictures (background/pictures.js reads it): which part of the viewport to read, and,
// once read, which line and character of it is under the pointer, so that a word in a picture gets the
// same card as a word of text. Lines are kept relative to the picture they were read in, so that they
// follow it when the page or the note scrolls, and forgotten when the picture changes.

/** How far above and below the pointer the shortcut reads (CSS pixels): a cover's big title fits, and
 *  a crop this size reads in a fraction of the whole picture's time. */
export const BAND = 80;
/** Without a picture under the pointer (text drawn on a canvas's parent, a video's poster…), the
 *  width read around it. */
const LOOSE_HALF_WIDTH = 320;
/** How many pictures' lines are kept. */
const KEPT = 8;
/** How far outside a line's box (CSS pixels) the pointer still counts as on it. */
const SLACK = 3;

/** Pictures read: { element, src, width, height, lines } with boxes relative to the element's corner. */
const read = [];

/** The picture element at (x, y): an image, a canvas, a video, or an element drawn with a background
 *  image; null where there is none. */
export function pictureAt(x, y) {
  for (const el of document.elementsFromPoint(x, y)) {
    if (el instanceof HTMLImageElement || el instanceof HTMLCanvasElement || el instanceof HTMLVideoElement) return el;
    if (el === document.body || el === document.documentElement) break;
    if (getComputedStyle(el).backgroundImage.includes('url(')) return el;
  }
  return null;
}

/** The biggest picture in view (at least MIN_VIEW_SIDE a side), or null. */
export function biggestPicture() {
  const vw = document.documentElement.clientWidth;
  const vh = document.documentElement.clientHeight;
  let best = null;
  let bestArea = 0;
  for (const el of document.querySelectorAll('img, canvas, video')) {
    const r = el.getBoundingClientRect();
    const w = Math.min(vw, r.right) - Math.max(0, r.left);
    const h = Math.min(vh, r.bottom) - Math.max(0, r.top);
    if (w >= MIN_VIEW_SIDE && h >= MIN_VIEW_SIDE && w * h > bestArea) [best, bestArea] = [el, w * h];
  }
  return best;
}

/** A picture smaller than this in view is not worth reading unasked (icons, avatars, emoji). */
const MIN_VIEW_SIDE = 120;

/** What to read: `{ element, area, viewportWidth }`, the area in CSS pixels of the viewport. For a point
 *  (x, y), the part of the picture there within BAND of it, or (`whole`) all of it that is in view; with
 *  `element` given, all of it in view. Null where nothing is in view. */
export function pictureArea(x, y, whole, element = pictureAt(x, y)) {
  const r = element?.getBoundingClientRect() ?? { left: x - LOOSE_HALF_WIDTH, right: x + LOOSE_HALF_WIDTH, top: y - BAND, bottom: y + BAND };
  const top = whole ? r.top : Math.max(r.top, y - BAND);
  const bottom = whole ? r.bottom : Math.min(r.bottom, y + BAND);
  const vw = document.documentElement.clientWidth;
  const vh = document.documentElement.clientHeight;
  const left = Math.max(0, r.left);
  const right = Math.min(vw, r.right);
  const area = { x: left, y: Math.max(0, top), width: right - left, height: Math.min(vh, bottom) - Math.max(0, top) };
  if (area.width < 8 || area.height < 8) return null;
  return { element: element ?? document.documentElement, area, viewportWidth: window.innerWidth };
}

const sourceOf = (el) => el.currentSrc ?? el.src ?? getComputedStyle(el).backgroundImage;

/** Keeps `lines` (boxes in viewport CSS pixels, as read now) for `element`, replacing what was read of
 *  it before in the same area. */
export function rememberText(element, lines) {
  const r = element.getBoundingClientRect();
  const kept = lines.map((line) => ({ ...line, box: line.box.map(([x, y]) => [x - r.left, y - r.top]) }));
  const old = read.findIndex((p) => p.element === element);
  const before = old >= 0 ? read.splice(old, 1)[0] : null;
  // Lines read before elsewhere in the same picture stay (the band moved down the cover).
  const others = before && before.src === sourceOf(element) ? before.lines.filter((l) => !kept.some((k) => overlaps(k.box, l.box))) : [];
  read.unshift({ element, src: sourceOf(element), width: r.width, height: r.height, lines: [...kept, ...others] });
  read.length = Math.min(read.length, KEPT);
}

/** The lines kept for `element`, each as `{ record, line }` (what `lineCorners` takes). */
export function linesOf(element) {
  const record = read.find((p) => p.element === element);
  return record ? record.lines.map((line) => ({ record, line })) : [];
}

/** The text of every line read in a picture still in place, the pictures in the order they were read and
 *  their lines in reading order (for the post panel). */
export function pictureTexts() {
  return [...read]
    .reverse()
    .filter((p) => cornerOf(p) !== null)
    .flatMap((p) => p.lines.map((line) => line.text));
}

/** Forgets every picture's lines. */
export function forgetPictures() {
  read.length = 0;
}

function overlaps(a, b) {
  const box = (q) => ({ l: Math.min(...q.map((p) => p[0])), r: Math.max(...q.map((p) => p[0])), t: Math.min(...q.map((p) => p[1])), b: Math.max(...q.map((p) => p[1])) });
  const [p, q] = [box(a), box(b)];
  return p.l < q.r && q.l < p.r && p.t < q.b && q.t < p.b;
}

/** The picture's current corner, or null where its lines no longer hold (gone, another picture in the
 *  same element, resized). */
function cornerOf(p) {
  if (!p.element.isConnected || sourceOf(p.element) !== p.src) return null;
  const r = p.element.getBoundingClientRect();
  if (Math.abs(r.width - p.width) > 2 || Math.abs(r.height - p.height) > 2) return null;
  return [r.left, r.top];
}

const lerp = (a, b, t) => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];

/** Where (x, y) falls in a box: t along the line (0 at its start, 1 at its end), s across it. */
function within(box, x, y) {
  const [c0, c1, , c3] = box;
  const along = [c1[0] - c0[0], c1[1] - c0[1]];
  const across = [c3[0] - c0[0], c3[1] - c0[1]];
  const d = [x - c0[0], y - c0[1]];
  const la = Math.hypot(...along) || 1;
  const lc = Math.hypot(...across) || 1;
  return {
    t: (d[0] * along[0] + d[1] * along[1]) / la ** 2,
    s: (d[0] * across[0] + d[1] * across[1]) / lc ** 2,
    slackT: SLACK / la,
    slackS: SLACK / lc,
  };
}

/** The line of a picture under (x, y), as a context for a lookup: `{ text, offset, picture }`, where
 *  `offset` is the UTF-16 offset of the character under the point; null where no line read is there. */
export function pictureTextAt(x, y) {
  for (const p of read) {
    const corner = cornerOf(p);
    if (!corner) continue;
    const [px, py] = [x - corner[0], y - corner[1]];
    for (const line of p.lines) {
      const { t, s, slackT, slackS } = within(line.box, px, py);
      if (t < -slackT || t > 1 + slackT || s < -slackS || s > 1 + slackS) continue;
      const chars = Array.from(line.text);
      if (chars.length === 0) continue;
      let nearest = 0;
      line.places.forEach((place, i) => {
        if (Math.abs(place - t) < Math.abs(line.places[nearest] - t)) nearest = i;
      });
      const offset = chars.slice(0, nearest).join('').length;
      return { text: line.text, offset, picture: { record: p, line } };
    }
  }
  return null;
}

/** The share [t0, t1] of a line that the UTF-16 span [start, end) of its text takes: from halfway to
 *  the character before to halfway to the one after. */
function spanOf(line, start, end) {
  const chars = Array.from(line.text);
  const index = (utf16) => {
    let n = 0;
    let i = 0;
    while (i < chars.length && n < utf16) n += chars[i++].length;
    return i;
  };
  const [a, b] = [index(start), index(end)];
  const places = line.places;
  const t0 = a <= 0 ? 0 : (places[a - 1] + places[a]) / 2;
  const t1 = b >= places.length ? 1 : (places[b - 1] + places[b]) / 2;
  return [t0, t1];
}

/** The four corners (viewport CSS pixels, now) of the span [start, end) of a picture's line; the whole
 *  line without a span. */
export function lineCorners({ record, line }, start = 0, end = line.text.length) {
  const corner = cornerOf(record) ?? [0, 0];
  const [c0, c1, c2, c3] = line.box.map(([x, y]) => [x + corner[0], y + corner[1]]);
  const [t0, t1] = spanOf(line, start, end);
  return [lerp(c0, c1, t0), lerp(c0, c1, t1), lerp(c3, c2, t1), lerp(c3, c2, t0)];
}

/** A stand-in for a DOM range over the span [start, end) of a picture's line: what the card host asks
 *  of a range (its rects). */
export function pictureRange(picture, start, end) {
  const corners = lineCorners(picture, start, end);
  const xs = corners.map((c) => c[0]);
  const ys = corners.map((c) => c[1]);
  const rect = DOMRect.fromRect({ x: Math.min(...xs), y: Math.min(...ys), width: Math.max(...xs) - Math.min(...xs), height: Math.max(...ys) - Math.min(...ys) });
  return { getClientRects: () => [rect], getBoundingClientRect: () => rect };
}
