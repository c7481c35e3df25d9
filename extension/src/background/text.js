// What a page's text holds, unit by unit, for the annotation marks and the glossary panel: the engine's
// flat annotation (UTF-16 offsets, kind bits, first entry id) joined with entries from the cache.

import { KIND, MARKED_KINDS } from '../shared/kinds.js';
import { hoverReader } from './hover.js';

/** The engine's "no entry" id. */
const NO_ENTRY = 0xffffffff;
/** Longest gloss (word-by-word line) and meaning (glossary line), in characters. */
const MAX_GLOSS = 40;
const MAX_MEANING = 180;
const MIN_MEANING = 40;

/** `text` cut to `max` characters with an ellipsis; English is cut between words where a space stands
 *  near the end, so that no word is left half. */
function cut(text, max) {
  if (text.length <= max) return text;
  const head = text.slice(0, max - 1);
  const space = head.lastIndexOf(' ');
  return `${(space >= max - 12 ? head.slice(0, space) : head).trimEnd()}…`;
}

/** A few words for the word-by-word line: our slang gloss up to its first stop, else the first sense
 *  without its notes in brackets (or the note itself, where the sense is nothing else). An idiom's
 *  literal picture ("lit. draw legs on a snake") gives way to what it means ("fig. to ruin the effect…"),
 *  in the same sense or the next: the line has room for one, and the reader needs the meaning. */
export function shortGloss(entry) {
  const x = entry.explanation;
  if (x) {
    const head = (x.meaning.match(/^.*?[.:;!?]['"]?(?=\s|$)/)?.[0] ?? x.meaning).replace(/[:;]$/, '');
    return cut(head.replace(/^(['"])([^'"]*)\1$/, '$2'), MAX_GLOSS);
  }
  let first = entry.senses[0] ?? '';
  if (first.startsWith('lit. ')) {
    const figurative = first.match(/;\s*fig\.\s+(.+)$/)?.[1] ?? entry.senses[1]?.match(/^fig\.\s+(.+)$/)?.[1];
    if (figurative) first = figurative;
  }
  // A sense that is all note ("(measure word for shops…)") keeps its note, without the brackets.
  const sense = (first.replace(/\s*\([^)]*\)/g, '').trim() || first.replace(/[()]/g, '')).split(';')[0].trim();
  return cut(sense, MAX_GLOSS);
}

/** One line for the glossary: our explanation's first sentences (enough to say something), else the
 *  first senses. */
export function shortMeaning(entry) {
  const x = entry.explanation;
  if (!x) return cut(entry.senses.slice(0, 3).join('; '), MAX_MEANING);
  let meaning = '';
  for (const sentence of x.meaning.match(/.*?[.!?](?=\s|$)|.+$/g)) {
    meaning += sentence;
    if (meaning.length >= MIN_MEANING) break;
  }
  return cut(meaning.trim(), MAX_MEANING);
}

/** What the panel shows of a word composed from parts (`hover.parts`): their pinyin and tones in a row,
 *  and their glosses joined by a dot. */
function composedOf(parts) {
  const entries = parts.map((p) => p.entries[0]).filter(Boolean);
  if (entries.length === 0) return {};
  const gloss = entries.map(shortGloss).join(' · ');
  return {
    pinyin: entries.map((e) => e.pinyin_marks).join(' '),
    tones: entries.flatMap((e) => e.tones),
    hsk: 0,
    gloss: cut(gloss, MAX_GLOSS),
    meaning: cut(gloss, MAX_MEANING),
  };
}

/**
 * The readers of `engine`'s annotation, with entries from `entry` (an entry cache) and the hover of
 * `hover` (a hover reader) for the parts of composed words:
 * - `marks(text)`: a flat array of [start, end, kinds, hskLevel] for the units worth a mark (level 0
 *   where the word is not on the HSK list);
 * - `explain(text)`: every unit with what the panel shows of it: { start, end, text, kinds } and, where
 *   the dictionary has it (or its parts, for a composed word), { word, pinyin, tones, hsk, gloss, meaning }.
 */
export function textReader(engine, entry, hover = hoverReader(engine, entry)) {
  const marks = (text) => {
    const flat = engine.annotate(text);
    const out = [];
    for (let i = 0; i + 3 < flat.length; i += 4) {
      const kinds = flat[i + 2];
      if ((kinds & MARKED_KINDS) === 0) continue;
      const id = flat[i + 3];
      out.push(flat[i], flat[i + 1], kinds, id === NO_ENTRY ? 0 : (entry(id)?.hsk ?? 0));
    }
    return out;
  };
  const explain = (text) => {
    const flat = engine.annotate(text);
    const units = [];
    for (let i = 0; i + 3 < flat.length; i += 4) {
      const [start, end, kinds, id] = [flat[i], flat[i + 1], flat[i + 2], flat[i + 3]];
      const unit = { start, end, text: text.slice(start, end), kinds };
      const e = id === NO_ENTRY ? null : entry(id);
      if (!e && kinds & KIND.composed) {
        Object.assign(unit, { word: unit.text }, composedOf(hover(text, start)?.parts ?? []));
      } else if (e) {
        Object.assign(unit, {
          word: e.simplified,
          pinyin: e.pinyin_marks,
          tones: e.tones,
          hsk: e.hsk ?? 0,
          gloss: shortGloss(e),
          meaning: shortMeaning(e),
        });
      }
      units.push(unit);
    }
    return units;
  };
  return { marks, explain };
}
