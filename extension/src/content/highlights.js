// This page load's highlights: the marks under slang and idioms (annotation mode) and the flash of a
// glossary line's word (the panel). Their names are random (names.js); their style is added by the
// background as a user stylesheet, once, when the first of them is used.

import { ask } from '../shared/messages.js';
import { highlightName } from './names.js';

const NAMES = Object.freeze({ marks: highlightName(), flash: highlightName() });
let styled = null;

/** The highlight `which` ('marks' or 'flash') of this page, made and styled on first use; null where the
 *  browser has no Custom Highlight API. */
export function pageHighlight(which) {
  if (!globalThis.CSS?.highlights || typeof Highlight !== 'function') return null;
  styled ??= ask({ type: 'styleHighlights', ...NAMES }).catch((error) => {
    styled = null; // tried again with the next highlight
    console.debug('RedLens:', error);
  });
  let h = CSS.highlights.get(NAMES[which]);
  if (!h) {
    h = new Highlight();
    CSS.highlights.set(NAMES[which], h);
  }
  return h;
}

/** Removes highlight `which` from the page. */
export function dropHighlight(which) {
  globalThis.CSS?.highlights?.delete(NAMES[which]);
}
