// The names this script gives things a page can see: its elements and its highlights. They are random
// for each page load, so that a page cannot find RedLens by a fixed name, nor write into its highlights
// by guessing one.

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** A random lower-case name: a letter, then `length` letters and digits. */
function random(length) {
  const bytes = crypto.getRandomValues(new Uint8Array(length + 1));
  const alphabet = `${LETTERS}0123456789`;
  return LETTERS[bytes[0] % 26] + [...bytes.subarray(1)].map((b) => alphabet[b % alphabet.length]).join('');
}

/** A name for a custom element (it needs a hyphen), fresh for this page load. */
export function elementName() {
  return `${random(5)}-${random(5)}`;
}

/** A name for a highlight, fresh for this page load. */
export function highlightName() {
  return random(11);
}
