// The engine's kind bits (`Kinds` in src/entry.rs) as the scripts use them, and the one table of how a
// kind is named on a badge: shared by the card, the post panel, the background and the playground.

/** The bits of the kinds of a unit, as `annotate` and `hoverAt` give them. */
export const KIND = Object.freeze({ word: 1, idiom: 2, slang: 4, abbreviation: 8, number: 16, emoji: 32, name: 64, unknown: 128, composed: 256 });

/** The kinds worth a mark and a glossary line: idioms, slang and memes, abbreviations, number slang and
 *  emoji codes. */
export const MARKED_KINDS = KIND.idiom | KIND.slang | KIND.abbreviation | KIND.number | KIND.emoji;

/** Badges, most specific kind first: kind name, message key, English. */
const BADGES = [
  ['abbreviation', 'kindAbbreviation', 'abbreviation'],
  ['number', 'kindNumber', 'number slang'],
  ['emoji', 'kindEmoji', 'emoji code'],
  ['idiom', 'kindIdiom', 'idiom'],
  ['slang', 'kindSlang', 'slang'],
  ['name', 'kindName', 'name'],
];

/**
 * The badge of the most specific kind, from an entry's kind names (`['word', 'slang']`) or a unit's
 * kind bits: `{ kind, key, fallback }` (the message key and its English), or null for a plain word.
 */
export function badgeOf(kinds) {
  const has = typeof kinds === 'number' ? (name) => (kinds & KIND[name]) !== 0 : (name) => kinds.includes(name);
  const found = BADGES.find(([name]) => has(name));
  return found ? { kind: found[0], key: found[1], fallback: found[2] } : null;
}
