// Sentences translated on the device, for the post panel's Translate view, the playground and a card's
// T: each Chinese sentence above its translation (streamed as it comes), with the sentence's slang as
// chips under it (term, pinyin, short meaning), so the reader sees both what was said and what it meant.
// The translator is given the sentence with its slang in plain Mandarin (the engine's plainText).
// Where no translator can be had, each sentence shows that plain rewrite and a literal gloss instead,
// and the view says why. Sentences are translated one at a time, in order; a sentence that fails shows
// its fallback and the next goes on.

import { element as el } from '../shared/dom.js';
import { MARKED_KINDS } from '../shared/kinds.js';
import { REASONS, sourceLanguage } from '../shared/translation.js';
import { t, unitPinyin } from './render.js';

/** The longest text sent to a translator at once. */
const MAX_SENTENCE = 1000;

/** The units (from the text reader's explain) inside a sentence, with offsets made relative to it. */
export function unitsIn(units, sentence) {
  return units
    .filter((u) => u.start >= sentence.start && u.end <= sentence.end)
    .map((u) => ({ ...u, start: u.start - sentence.start, end: u.end - sentence.start }));
}

/** Why the view shows fallbacks, in the reader's language. */
function reasonText(reason) {
  switch (reason) {
    case 'off':
      return t('translationOff', 'Translation is off in RedLens’s options, so each sentence shows its slang in plain Chinese and a literal gloss.');
    case REASONS.unsupported:
      return t('noTranslator', 'This browser has no on-device translator, so each sentence shows its slang in plain Chinese and a literal gloss.');
    case REASONS.unavailable:
      return t('translatorUnavailable', 'The on-device translator cannot translate Chinese here, so each sentence shows its slang in plain Chinese and a literal gloss.');
    case REASONS.stalled:
      return t('translatorStalled', 'The language pack download stopped, so each sentence shows a literal gloss instead. Try again later.');
    case REASONS.aborted:
      return t('translatorCancelled', 'Download cancelled: each sentence shows a literal gloss instead.');
    default:
      return t('translatorFailed', 'The translator failed, so this shows a literal gloss instead.');
  }
}

/** The slang of a sentence as chips: term, pinyin, short meaning. */
function chips(doc, units) {
  const marked = units.filter((u) => (u.kinds & MARKED_KINDS) !== 0 && u.word);
  if (marked.length === 0) return null;
  const row = el(doc, 'p', 'chips');
  for (const u of marked) {
    const chip = el(doc, 'span', 'chip');
    chip.append(el(doc, 'b', '', u.text), ' ', unitPinyin(doc, u), ' ', el(doc, 'span', 'chip-meaning', u.gloss));
    row.append(chip);
  }
  return row;
}

/** The fallback of a sentence: its plain rewrite and its word-by-word line, labelled. */
function fallback(doc, sentence) {
  const box = el(doc, 'div', 'fallback');
  if (sentence.plain && sentence.plain !== sentence.text) {
    const p = el(doc, 'p', 'plain');
    p.append(el(doc, 'span', 'label', t('plainChinese', 'In plain Chinese:')), ' ', sentence.plain);
    box.append(p);
  }
  const words = sentence.units.filter((u) => u.gloss);
  if (words.length) {
    const p = el(doc, 'p', 'literal');
    p.append(el(doc, 'span', 'label', t('literalGloss', 'Literal gloss:')), ' ');
    words.forEach((u, i) => {
      if (i > 0) p.append(' · ');
      p.append(el(doc, 'b', '', u.text), ` ${u.gloss}`);
    });
    box.append(p);
  }
  return box;
}

/**
 * A view of translated sentences in document `doc`. `translation` is a Translation (shared/translation.js);
 * `target` the target language; `plain(texts)` resolves to the engine's plainText of each text; with
 * `enabled` false (the option is off) it shows the fallbacks.
 * `node` is the view; `show(sentences)` shows these sentences ({ key, text, units }, in order),
 * keeping what was translated before, and translates the new ones when a translator is at hand.
 */
export class TranslationView {
  constructor(doc, { translation, target, plain, enabled = true }) {
    Object.assign(this, { doc, translation, target, plain, enabled });
    this.node = el(doc, 'div', 'translation-view');
    this.intro = el(doc, 'div', 'intro');
    this.intro.setAttribute('role', 'status');
    this.list = el(doc, 'div', 'sentences');
    this.node.append(this.intro, this.list);
    this.sentences = new Map(); // key → sentence state
    this.order = [];
    this.queue = [];
    this.working = null;
    this.mode = null; // 'translate' | 'fallback' | 'offer'
    this.reason = null;
  }

  /** Shows `sentences`: rows for new ones, rows kept for the others, in the order given. */
  async show(sentences) {
    const fresh = sentences.filter((s) => !this.sentences.has(s.key));
    const plains = fresh.length ? await this.plain(fresh.map((s) => s.text.slice(0, MAX_SENTENCE))) : [];
    fresh.forEach((s, i) => {
      const state = { ...s, plain: plains[i]?.text ?? s.text, translation: null, failed: false, row: el(this.doc, 'div', 'sentence') };
      this.sentences.set(s.key, state);
      this.draw(state);
    });
    this.order = sentences.map((s) => s.key);
    this.list.replaceChildren(...this.order.map((k) => this.sentences.get(k).row));
    await this.decide();
    if (this.mode === 'translate') this.enqueue(fresh.map((s) => this.sentences.get(s.key)));
  }

  /** The source language of what is shown. */
  get source() {
    return sourceLanguage(this.order.map((k) => this.sentences.get(k).text).join('').slice(0, 2000));
  }

  /** Settles, once, whether sentences are translated, offered for translation, or shown in fallback. */
  async decide() {
    if (this.mode) return;
    const state = this.enabled ? await this.translation.availability(this.source, this.target) : 'off';
    if (state === 'ready' || state === 'available') this.mode = 'translate';
    // The download is offered: a button whose click is the gesture that starts it.
    else if (state === 'downloadable' || state === 'downloading') this.mode = 'offer';
    else this.reason = state === 'unsupported' || state === 'off' ? state : REASONS.unavailable;
    this.mode ??= 'fallback';
    this.redraw();
  }

  fallBack(reason) {
    this.mode = 'fallback';
    this.reason = reason;
    this.redraw();
  }

  redraw() {
    for (const s of this.sentences.values()) this.draw(s);
    this.drawIntro();
  }

  drawIntro() {
    const doc = this.doc;
    if (this.mode === 'offer') {
      const button = el(doc, 'button', 'enable', t('enableTranslation', 'Enable translation'));
      button.type = 'button';
      button.addEventListener('click', (event) => {
        if (event.isTrusted) this.enable();
      });
      this.intro.replaceChildren(
        el(doc, 'p', 'about', t('translationAbout', 'Chrome downloads its Chinese language pack once; after that translation works offline, on this device.')),
        button,
      );
    } else if (this.mode === 'fallback') {
      this.intro.replaceChildren(el(doc, 'p', 'about', reasonText(this.reason)));
    } else {
      this.intro.replaceChildren();
    }
  }

  /** From the reader's click: downloads the pack with a progress bar and a cancel button, then
   *  translates; a stalled or cancelled download falls back. */
  async enable() {
    const doc = this.doc;
    const progress = el(doc, 'progress', 'download');
    progress.max = 1;
    progress.value = 0;
    const stop = new AbortController();
    const cancel = el(doc, 'button', 'cancel', t('cancel', 'Cancel'));
    cancel.type = 'button';
    cancel.addEventListener('click', (event) => {
      if (event.isTrusted) stop.abort();
    });
    this.intro.replaceChildren(el(doc, 'p', 'about', t('downloadingPack', 'Downloading the language pack…')), progress, cancel);
    try {
      await this.translation.enable(this.source, this.target, {
        signal: stop.signal,
        onProgress: (share) => {
          progress.value = share;
        },
      });
      this.mode = 'translate';
      this.drawIntro();
      this.enqueue(this.order.map((k) => this.sentences.get(k)));
    } catch (error) {
      this.fallBack(error?.reason ?? REASONS.failed);
    }
  }

  /** Translates sentences one at a time, in order; the page goes on meanwhile. */
  enqueue(sentences) {
    this.queue.push(...sentences.filter((s) => s.translation === null && !s.failed));
    this.working ??= (async () => {
      while (this.queue.length) {
        const s = this.queue.shift();
        try {
          await this.translation.translate(s.plain, this.source, this.target, {
            onText: (soFar) => {
              s.translation = soFar;
              this.draw(s);
            },
          });
        } catch (error) {
          s.failed = true;
          s.reason = error?.reason ?? REASONS.failed;
          this.draw(s);
        }
      }
      this.working = null;
    })();
    return this.working;
  }

  /** Redraws one sentence's row. */
  draw(s) {
    const doc = this.doc;
    const parts = [el(doc, 'p', 'zh', s.text.trim())];
    if (s.translation) {
      const out = el(doc, 'p', 'translated', s.translation);
      out.lang = this.target;
      parts.push(out);
    } else if (this.mode === 'fallback' || this.mode === 'offer' || s.failed) {
      if (s.failed) parts.push(el(doc, 'p', 'note', reasonText(s.reason)));
      parts.push(fallback(doc, s));
    } else {
      parts.push(el(doc, 'p', 'pending', '…'));
    }
    const c = chips(doc, s.units);
    if (c) parts.push(c);
    s.row.replaceChildren(...parts);
  }
}
