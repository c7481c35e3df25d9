// The sentence around a word, for the word list: what a learner needs to remember where they met it.

/** Characters that end a sentence (the newline ends a line of a post, which reads as one). */
const END = /[。！？!?…；;\n]/;
/** Longest sentence kept: longer runs without an end mark are cut to a window around the word. */
const MAX = 200;

/**
 * The sentence of `text` that holds [start, end): from the end mark before it to the end marks after
 * it, trimmed. Returns { sentence, at }, `at` being where the word starts in the sentence.
 */
export function sentenceAround(text, start, end) {
  let from = start;
  while (from > 0 && !END.test(text[from - 1])) from -= 1;
  let to = end;
  while (to < text.length && !END.test(text[to])) to += 1;
  while (to < text.length && text[to] !== '\n' && END.test(text[to])) to += 1;
  if (to - from > MAX) {
    from = Math.max(from, start - MAX / 2);
    to = Math.min(to, Math.max(end, from + MAX));
  }
  const raw = text.slice(from, to);
  const lead = raw.length - raw.trimStart().length;
  return { sentence: raw.trim(), at: start - from - lead };
}
