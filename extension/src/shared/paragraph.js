// The paragraph message: the hover of every word of a paragraph, packed by the background with each
// entry sent once, and unpacked by the content script, which then explains any word of the paragraph
// without asking again.

/**
 * A function `text → { entries, hovers }` over a `hoverReader`: the hover of every word of a paragraph,
 * so that the content script can explain any word of a paragraph the pointer has met without asking
 * again. Entries are sent once each: units hold their indices in `entries` (`entries`, `references`),
 * and no `text` (the content script has the paragraph). Costs one hover per word (a few microseconds
 * each once the paragraph is segmented).
 */
export function paragraphReader(hover) {
  return (text) => {
    const entries = [];
    const index = new Map();
    const at = (e) => {
      if (!index.has(e.id)) index.set(e.id, entries.push(e) - 1);
      return index.get(e.id);
    };
    const compact = ({ start, end, kinds, entries: own, references }) => ({
      start,
      end,
      kinds,
      entries: own.map(at),
      references: references.map(at),
    });
    const hovers = [];
    for (let i = 0; i < text.length; ) {
      const h = hover(text, i);
      if (!h?.word) {
        i++;
        continue;
      }
      hovers.push({ word: compact(h.word), longer: h.longer.map(compact), parts: h.parts.map(compact), segmented: h.segmented });
      i = Math.max(i + 1, h.word.end);
    }
    return { entries, hovers };
  };
}

/** The hover at `offset` of a paragraph read by a `paragraphReader` (`paragraph` is its answer for
 *  `text`), in the shape `hoverReader` gives; null where no word is there. */
export function hoverInParagraph(paragraph, text, offset) {
  const { hovers, entries } = paragraph;
  let lo = 0;
  let hi = hovers.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (hovers[mid].word.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  const h = hovers[lo];
  if (!h || h.word.start > offset) return null;
  const unit = (u) => ({
    start: u.start,
    end: u.end,
    text: text.slice(u.start, u.end),
    kinds: u.kinds,
    entries: u.entries.map((i) => entries[i]),
    references: u.references.map((i) => entries[i]),
  });
  return { word: unit(h.word), longer: h.longer.map(unit), parts: h.parts.map(unit), segmented: h.segmented };
}
