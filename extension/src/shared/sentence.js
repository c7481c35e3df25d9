// Sentences: the one around a word (for the word list: what a learner needs to remember where they met
// it), and all of a text's (for the reading view and translation).

/** Characters that end a sentence (the newline ends a line of a post, which reads as one). */
export const SENTENCE_END = /[。！？!?…；;\n]/;
const END = SENTENCE_END;
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

/** The sentences of `text`, in order, as { start, end, text }: each with the marks that end it (several
 *  in a row, as in ？！ or ……, end one sentence); empty ones are left out. */
export function sentencesOf(text) {
  const out = [];
  let from = 0;
  let i = 0;
  while (from < text.length) {
    while (i < text.length && !END.test(text[i])) i += 1;
    while (i < text.length && text[i] !== '\n' && END.test(text[i])) i += 1;
    const piece = text.slice(from, i);
    if (piece.trim()) out.push({ start: from, end: i, text: piece });
    if (text[i] === '\n') i += 1;
    from = i;
  }
  return out;
}
