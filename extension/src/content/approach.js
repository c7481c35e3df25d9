// Where the pointer is going. Every real movement crosses words on its way: a card opened for one of
// them must not catch the pointer and keep the reader from the word they aimed at. So, as in the best
// hover dictionaries, a pointer moving fast opens no card until it slows down or stops; and a card the
// pointer meets holds it only when it comes from the card's own word or moves slowly onto it (a reader
// going for its buttons), while one passing over it from elsewhere gets the word beneath.

/** Speed (CSS pixels per millisecond) above which a pointer is on its way somewhere. */
const FAST = 0.5;
/** Events further apart than this say nothing of the speed: the pointer had stopped. */
const STILL_MS = 40;
/** How far beside its word a pointer still counts as coming from it, in pixels. */
const MARGIN = 24;

let last = null; // { x, y, t }
let speed = 0;
let offCard = null; // where the pointer last was before it met the card

/** Whether the pointer is moving fast: on its way somewhere, not yet at the word it aims for. */
export function movingFast() {
  return speed >= FAST;
}

/** Notes a pointer movement (every one, on the card or not). */
export function track(event, onCard) {
  const now = { x: event.clientX, y: event.clientY, t: event.timeStamp };
  if (last) {
    const dt = now.t - last.t;
    const step = dt > 0 && dt <= STILL_MS ? Math.hypot(now.x - last.x, now.y - last.y) / dt : 0;
    speed = (speed + step) / 2;
  }
  if (!onCard) offCard = now;
  last = now;
}

/**
 * Whether the pointer, now on the card, is reaching for it: it comes from the card's word (or the gap
 * between the word and the card, towards the card), or it moves slowly. `placement` is where the word
 * and the card are ({ word, card } rects, in this window's coordinates).
 */
export function reachingFor(placement) {
  if (speed < FAST) return true;
  if (!placement || !offCard) return false;
  const { word, card } = placement;
  const { x, y } = offCard;
  const below = card.top >= word.top;
  const top = below ? word.top : card.bottom;
  const bottom = below ? card.top : word.bottom;
  return x >= word.left - MARGIN && x <= word.right + MARGIN && y >= top - MARGIN && y <= bottom + MARGIN;
}
