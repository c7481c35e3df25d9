// The hover as the card needs it, assembled from the engine's flat answer (spans and entry ids) and
// entries decoded once each: a pointer sweeping over a post meets the same few words again and again,
// so most moves cost one call into wasm and a few cache hits, and no entry crosses the boundary twice.

/** Entries kept decoded: a few posts' worth. */
const CACHED_ENTRIES = 4096;
/** How many "see X" targets a card shows at most. */
const MAX_REFERENCES = 4;

/**
 * A function `id → entry | null` over `engine` that decodes each entry once and keeps the `capacity`
 * most recently used: the hover, the marks and the glossary meet the same words again and again.
 */
export function entryCache(engine, capacity = CACHED_ENTRIES) {
  const cache = new Map();
  return (id) => {
    let e = cache.get(id);
    if (e === undefined) {
      e = engine.entry(id);
      if (cache.size >= capacity) cache.delete(cache.keys().next().value);
    } else {
      cache.delete(id); // re-inserted below: the least recently used goes first
    }
    cache.set(id, e);
    return e;
  };
}

/**
 * A function `(text, offset) → hover | null` over `engine` (a loaded `Engine`), where a hover is
 * `{ word, longer, parts, segmented }` and each of those units is `{ start, end, text, kinds, entries,
 * references }`: UTF-16 offsets, the engine's kind bits, entries best first, and the entries their
 * "see X" senses point to. `entry` decodes entries (an `entryCache`).
 */
export function hoverReader(engine, entry = entryCache(engine)) {
  const references = (entries) => {
    const own = new Set(entries.map((e) => e.id));
    const ids = [...new Set(entries.flatMap((e) => e.refs))].filter((id) => !own.has(id));
    return ids.slice(0, MAX_REFERENCES).map(entry).filter(Boolean);
  };

  return (text, offset) => {
    const flat = engine.hoverAt(text, offset);
    if (flat.length === 0) return null;
    const hover = { word: null, longer: [], parts: [], segmented: flat[0] === 1 };
    let i = 1;
    while (i + 5 <= flat.length) {
      const [role, start, end, kinds, n] = flat.subarray(i, i + 5);
      const entries = Array.from(flat.subarray(i + 5, i + 5 + n), entry).filter(Boolean);
      i += 5 + n;
      const unit = { start, end, text: text.slice(start, end), kinds, entries, references: references(entries) };
      if (role === 0) hover.word = unit;
      else if (role === 1) hover.longer.push(unit);
      else hover.parts.push(unit);
    }
    return hover;
  };
}
