// The words of the paragraphs the pointer has met: the first move over a paragraph asks the background
// for the hover of every word in it, so that every later move over it is answered here, in the same
// frame as the move, with no round trip (and no background that has to be woken).

import { ask } from '../shared/messages.js';
import { hoverInParagraph } from '../shared/paragraph.js';

/** Paragraphs kept (the most recently met): a few screens of a feed or a note with its comments. */
const KEPT = 48;

const known = new Map(); // text → the background's answer (a paragraph reader's), or a promise of it

/**
 * The hover at `offset` of `text` if the paragraph is known: the hover, or null where no word is
 * there; undefined if the paragraph is not known yet (then `learn(text)` asks for it).
 */
export function knownHover(text, offset) {
  const paragraph = known.get(text);
  if (paragraph === undefined || paragraph instanceof Promise) return undefined;
  known.delete(text); // re-inserted: the least recently met is dropped first
  known.set(text, paragraph);
  return hoverInParagraph(paragraph, text, offset);
}

/** Asks the background for the words of `text` once, in the background of the reader's moves. */
export function learn(text, report) {
  if (known.has(text)) return;
  const asked = ask({ type: 'paragraph', text }).then(
    (paragraph) => {
      if (known.get(text) === asked) known.set(text, paragraph);
    },
    (error) => {
      if (known.get(text) === asked) known.delete(text);
      report(error);
    },
  );
  known.set(text, asked);
  while (known.size > KEPT) known.delete(known.keys().next().value);
}

/** Forgets every paragraph (the script is stopping). */
export function forgetParagraphs() {
  known.clear();
}
