// The hover peer, done the usual way in JS (as popup dictionaries such as Zhongwen do it): CC-CEDICT
// parsed into a sorted array of headwords, and a longest-prefix lookup by binary search, trying the
// longest candidate first.

import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

export const CEDICT_PATH = 'data/cedict/cedict_ts.u8.gz';
export const PEER_NAME = 'JS CC-CEDICT binary search';

/**
 * Parses CC-CEDICT (`trad simp [pin1 yin1] /gloss/…/` per line) into sorted headwords, simplified and
 * traditional, each with the indices of its lines. Returns { lookup(text, offset), headwords }.
 */
export function buildCedictLookup(path = CEDICT_PATH) {
  const lines = gunzipSync(readFileSync(path)).toString('utf8').split('\n');
  const byWord = new Map();
  const add = (word, index) => {
    const list = byWord.get(word);
    if (list) {
      if (list[list.length - 1] !== index) list.push(index); // simplified = traditional: once
    } else byWord.set(word, [index]);
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === '' || line.startsWith('#')) continue;
    const space1 = line.indexOf(' ');
    const space2 = line.indexOf(' ', space1 + 1);
    if (space1 < 0 || space2 < 0) continue;
    add(line.slice(0, space1), i);
    add(line.slice(space1 + 1, space2), i);
  }
  // Plain `<` order (UTF-16 code units), the same order the binary search compares in.
  const words = [...byWord.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const postings = words.map((w) => byWord.get(w));
  const maxLength = words.reduce((m, w) => Math.max(m, w.length), 0);

  const find = (key) => {
    let lo = 0;
    let hi = words.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const w = words[mid];
      if (w === key) return mid;
      if (w < key) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  };

  /** The longest headword starting at a UTF-16 offset, with its CC-CEDICT lines; null if none. */
  const lookup = (text, offset) => {
    for (let len = Math.min(maxLength, text.length - offset); len > 0; len--) {
      const candidate = text.slice(offset, offset + len);
      const at = find(candidate);
      if (at >= 0) return { word: candidate, lines: postings[at].map((i) => lines[i]) };
    }
    return null;
  };
  return { lookup, headwords: words.length, maxLength };
}
