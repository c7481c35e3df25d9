// The card: one renderer for the hover card, the toolbar popup's results (and later the playground).
// It builds DOM nodes only; every dictionary string is set as text, never parsed as HTML.

import { element as el } from '../shared/dom.js';
import { KIND, badgeOf } from '../shared/kinds.js';

/** A message in the browser's language, or its English where there is none (the playground). */
export const t = (key, fallback) => {
  const api = globalThis.browser ?? globalThis.chrome;
  return api?.i18n?.getMessage?.(key) || fallback;
};

/** How many CC-CEDICT senses show before "more senses". */
const SHOWN_SENSES = 3;

/** Display options of a card, as stored in the settings. */
export const DEFAULT_OPTIONS = Object.freeze({ pinyinStyle: 'marks', toneColors: 'standard', showTraditional: true, textSize: 'medium', dark: false });

function pinyinText(entry, style) {
  if (style === 'zhuyin') return entry.zhuyin;
  if (style === 'numbers') return entry.pinyin.replaceAll('u:', 'ü');
  return entry.pinyin_marks;
}

/** Pinyin in the chosen style, one span per syllable with its tone as a class (`tone1`…`tone5`). */
export function renderPinyin(doc, entry, options = DEFAULT_OPTIONS) {
  const wrap = el(doc, 'span', 'pinyin');
  const syllables = pinyinText(entry, options.pinyinStyle).split(' ');
  syllables.forEach((syllable, i) => {
    if (i > 0) wrap.append(' ');
    wrap.append(el(doc, 'span', `tone${entry.tones[i] || 0}`, syllable));
  });
  return wrap;
}

/** The pinyin of a unit the text reader explained (`{ pinyin, tones }`), in tone marks. */
export function unitPinyin(doc, unit) {
  return renderPinyin(doc, { pinyin_marks: unit.pinyin, tones: unit.tones });
}

/** A unit the text reader explained, as ruby: its text with its pinyin above. */
export function unitRuby(doc, unit) {
  const ruby = el(doc, 'ruby', '', unit.text);
  const rt = el(doc, 'rt');
  rt.append(unitPinyin(doc, unit));
  ruby.append(rt);
  return ruby;
}

/** The name of the most specific of `kinds` (names or bits) in the reader's language; '' for a word. */
export function kindName(kinds) {
  const badge = badgeOf(kinds);
  return badge ? t(badge.key, badge.fallback) : '';
}

function headline(doc, entry, options) {
  const line = el(doc, 'div', 'headline');
  line.append(el(doc, 'span', 'hanzi', entry.simplified));
  if (options.showTraditional && entry.traditional && entry.traditional !== entry.simplified) {
    line.append(el(doc, 'span', 'hanzi traditional', entry.traditional));
  }
  line.append(renderPinyin(doc, entry, options));
  const badge = badgeOf(entry.kinds);
  if (badge) line.append(el(doc, 'span', `badge badge-${badge.kind}`, t(badge.key, badge.fallback)));
  if (entry.hsk) line.append(el(doc, 'span', 'badge badge-hsk', entry.hsk === 7 ? 'HSK 7–9' : `HSK ${entry.hsk}`));
  return line;
}

function field(doc, label, value) {
  const row = el(doc, 'div', 'field');
  row.append(el(doc, 'span', 'label', label), ' ', el(doc, 'span', 'value', value));
  return row;
}

/** The text `C` copies: the word, its pinyin and its first meaning, on one line. */
export function copyText(found) {
  const e = found.entries[0];
  if (!e) return found.text;
  const meaning = e.explanation?.meaning ?? e.senses.slice(0, 3).join('; ');
  return `${found.text}\t${e.pinyin_marks}\t${meaning}`;
}

/** One entry: our explanation for slang, CC-CEDICT's senses otherwise. */
export function renderEntry(doc, entry, resolve = () => null, options = DEFAULT_OPTIONS) {
  const box = el(doc, 'section', `entry source-${entry.source}`);
  box.append(headline(doc, entry, options));
  const x = entry.explanation;
  if (x) {
    box.append(el(doc, 'p', 'meaning', x.meaning));
    if (entry.full) box.append(field(doc, t('standsFor', 'Stands for'), entry.full));
    if (x.literal) box.append(field(doc, t('literal', 'Literally'), x.literal));
    const example = el(doc, 'div', 'example');
    example.append(el(doc, 'div', 'example-zh', x.example_zh), el(doc, 'div', 'example-en', x.example_en));
    box.append(example);
    if (x.origin) box.append(field(doc, t('origin', 'Origin'), x.origin));
    return box;
  }
  const list = el(doc, 'ol', 'senses');
  entry.senses.forEach((sense, i) => {
    const item = el(doc, 'li', i >= SHOWN_SENSES ? 'sense hidden' : 'sense', sense);
    list.append(item);
  });
  box.append(list);
  if (entry.senses.length > SHOWN_SENSES) {
    const more = el(doc, 'button', 'more', `+${entry.senses.length - SHOWN_SENSES} ${t('moreSenses', 'more senses')}`);
    more.type = 'button';
    more.addEventListener('click', (event) => {
      if (!event.isTrusted) return;
      for (const item of list.querySelectorAll('.hidden')) item.classList.remove('hidden');
      more.remove();
    });
    box.append(more);
  }
  if (entry.literal_gloss) box.append(field(doc, t('wordByWord', 'Word by word'), entry.literal_gloss));
  for (const target of (entry.refs || []).map(resolve).filter(Boolean)) {
    box.append(field(doc, `${t('seeAlso', 'See')} ${target.simplified} ${target.pinyin_marks}:`, target.senses.slice(0, 3).join('; ')));
  }
  return box;
}

/**
 * The head of a word the dictionary lacks but the segmenter knows (`found.kinds` has `composed`): the word,
 * its parts' pinyin in a row, their meanings joined as its first line, and a note that it is composed.
 */
function composedHead(doc, found, parts, options) {
  const entries = parts.map((p) => p.entries[0]);
  const joined = (key) => entries.map((e) => e[key]).join(' ');
  const pinyin = { pinyin: joined('pinyin'), pinyin_marks: joined('pinyin_marks'), zhuyin: joined('zhuyin'), tones: entries.flatMap((e) => e.tones) };
  const line = el(doc, 'div', 'headline');
  line.append(el(doc, 'span', 'hanzi', found.text), renderPinyin(doc, pinyin, options), el(doc, 'span', 'badge badge-composed', t('kindComposed', 'composed')));
  const meaning = entries.map((e) => e.explanation?.meaning ?? e.senses[0] ?? '').join(' · ');
  return [line, el(doc, 'p', 'meaning', meaning), el(doc, 'p', 'missing', t('composedNote', 'Not in the dictionary as one word: explained by its parts.'))];
}

/** The card's outer box, carrying the display options as classes. */
export function cardBox(doc, options = DEFAULT_OPTIONS) {
  return el(doc, 'div', `card tones-${options.toneColors} size-${options.textSize}${options.dark ? ' dark' : ''}`);
}

function button(doc, className, label, onClick) {
  const b = el(doc, 'button', className, label);
  b.type = 'button';
  b.addEventListener('click', (event) => {
    event.stopPropagation();
    // Only the reader's own click acts: a page's script cannot save or speak through the card.
    if (event.isTrusted) onClick();
  });
  return b;
}

/**
 * The card's action row: save to the word list (S), read aloud (P) and, where `actions.translate` is
 * given, translate the sentence (T). `actions` gives the handlers;
 * `setSaved` and `setStatus` update the row once their answers arrive.
 */
function actionRow(doc, actions) {
  const row = el(doc, 'div', 'actions');
  // Whether the word is saved is the user's own business: the button's labels are drawn by its style
  // (from these attributes), never as text a page could find, and both take the same room.
  const save = button(doc, 'save', '', actions.save);
  save.dataset.off = `☆ ${t('saveWord', 'Save')} (S)`;
  save.dataset.on = `★ ${t('savedWord', 'Saved')}`;
  save.setAttribute('aria-label', save.dataset.off);
  row.append(save, button(doc, 'speak', `▶ ${t('listen', 'Listen')} (P)`, actions.speak));
  if (actions.translate) row.append(button(doc, 'translate', `⇄ ${t('translate', 'Translate')} (T)`, actions.translate));
  row.append(el(doc, 'span', 'status'));
  row.querySelector('.status').setAttribute('role', 'status');
  return row;
}

/** Shows a card's word as saved (or not) in its action row. */
export function setSaved(card, saved) {
  const b = card.querySelector('.actions .save');
  if (!b) return;
  b.classList.toggle('on', saved);
  b.setAttribute('aria-pressed', String(saved));
  b.setAttribute('aria-label', saved ? b.dataset.on : b.dataset.off);
}

/** Shows `node` (the sentence's translation) in a card, below the meaning and above the actions,
 *  replacing one shown before. */
export function setTranslation(card, node) {
  card.querySelector('.card-translation')?.remove();
  node.classList.add('card-translation');
  card.insertBefore(node, card.querySelector('.actions'));
}

/** Shows a short message in a card's action row ('' clears it). */
export function setStatus(card, message) {
  const status = card.querySelector('.actions .status');
  if (status) status.textContent = message;
}

/**
 * The hover card for one found unit (`hover.word`, or one of `hover.longer`), with its parts; the
 * targets of "see X" senses come with it (`found.references`). With `actions` ({ save, speak }), a
 * row of buttons for them closes the card.
 */
export function renderCard(doc, found, parts, options = DEFAULT_OPTIONS, actions = null) {
  const card = cardBox(doc, options);
  const references = new Map((found.references ?? []).map((e) => [e.id, e]));
  const resolve = (id) => references.get(id) ?? null;
  card.setAttribute('role', 'dialog');
  card.setAttribute('aria-label', found.text);
  const shownParts = (parts || []).filter((p) => p.entries.length > 0);
  if (found.entries.length === 0 && found.kinds & KIND.composed && shownParts.length > 0) {
    card.append(...composedHead(doc, found, shownParts, options));
  } else if (found.entries.length === 0) {
    card.append(el(doc, 'div', 'headline', found.text), el(doc, 'p', 'missing', t('notInDictionary', 'Not in the dictionary')));
  }
  // Our slang entry first, then the first CC-CEDICT readings.
  for (const entry of found.entries.slice(0, 3)) card.append(renderEntry(doc, entry, resolve, options));
  if (shownParts.length > 1) {
    const box = el(doc, 'div', 'parts');
    box.append(el(doc, 'div', 'label', t('parts', 'Parts')));
    for (const part of shownParts) {
      const e = part.entries[0];
      const row = el(doc, 'div', 'part');
      row.append(el(doc, 'span', 'hanzi', part.text), renderPinyin(doc, e, options), el(doc, 'span', 'gloss', e.senses[0] ?? ''));
      box.append(row);
    }
    card.append(box);
  }
  if (actions && found.entries.length > 0) card.append(actionRow(doc, actions));
  return card;
}

/** A card like those shown (a word, its pinyin in tone colours, a badge, senses, the action row), with
 *  nothing to act on: laid out once before a page's first card, to resolve the card's styles and fonts. */
export function sampleCard(doc, options = DEFAULT_OPTIONS) {
  const entry = { simplified: '字', traditional: '字', pinyin: 'zi4', pinyin_marks: 'zì', zhuyin: 'ㄗˋ', tones: [4], kinds: ['word'], hsk: 1, source: 'cc-cedict', senses: ['character; letter'], refs: [] };
  const none = () => {};
  return renderCard(doc, { text: '字', kinds: KIND.word, entries: [entry] }, [], options, { save: none, speak: none, translate: none });
}

/** A card that only says `message` (a picture without text, or one that could not be read). */
export function messageCard(doc, message, options = DEFAULT_OPTIONS) {
  const card = cardBox(doc, options);
  card.setAttribute('role', 'status');
  card.append(el(doc, 'p', 'missing', message));
  return card;
}

/** Search results (the engine's hits, best first), one card box each. */
export function renderHits(doc, hits, options = DEFAULT_OPTIONS) {
  return hits.map((hit) => {
    const card = cardBox(doc, options);
    card.append(renderEntry(doc, hit.entry, () => null, options));
    return card;
  });
}
