// "Explain this post". On a note, a small RedLens button opens a side panel (in a closed shadow root of
// its own) with three views:
// - the glossary: every slang term, meme, abbreviation, number slang, emoji code and idiom of the title,
//   the body and the comments loaded so far, in order of appearance, each with its short meaning; a
//   click scrolls to its first occurrence and flashes it;
// - reading: the title and body with pinyin over each word and a word-by-word line under each sentence;
// - translate: the title, the body and the comments, sentence by sentence, translated on the device
//   (card/translation-view.js), with each sentence's slang as chips.
// While the panel is open it follows the page: comments that load add their lines (and translations). A selection can be
// explained the same way (the context menu's "Explain with RedLens"). The text read in the page's pictures
// (content/pictures.js) comes after the comments, in every view; the glossary ends with a button that
// reads the picture in view, on request only (reading costs too much to do unasked).

import { ask } from '../shared/messages.js';
import { TONE_CSS } from '../card/style.js';
import { kindName, t, unitPinyin, unitRuby } from '../card/render.js';
import { element } from '../shared/dom.js';
import { MARKED_KINDS } from '../shared/kinds.js';
import { SPEECH_PROBLEMS, speak } from '../card/speech.js';
import { textOf, rangeOf } from './pointer.js';
import { PANEL_CSS } from './panel-style.js';
import { contain, trusted } from './contain.js';
import { dropHighlight, pageHighlight } from './highlights.js';
import { elementName } from './names.js';
import { puckAside } from './puck.js';
import { BODY, COMMENTS, NOTE_ROOTS, TITLE } from './note-text.js';
import { TranslationView, unitsIn } from '../card/translation-view.js';
import { SENTENCE_END, sentencesOf } from '../shared/sentence.js';
import { Translation, targetLanguage } from '../shared/translation.js';
import { pictureTexts } from './pictures.js';

const MAX_BLOCK = 4096;
const BATCH = 50;
const FLASH_MS = 1600;
const FOLLOW_MS = 400;


let host = null;
let root = null;
let view = 'glossary';
let open = false;
let settings = { knownHsk: '0', toneColors: 'standard', translate: true, translateTo: 'auto' };
/** The page's translators, and the Translate view of the panel open now (made when first shown). */
const translation = new Translation();
let translated = null;
let selectionText = null; // set when the panel explains a selection instead of the note
let observer = null;
let followTimer = 0;
let refreshing = null;
let drawn = null; // what the panel shows: { key, blocks }
let selectionUnits = null; // the explained selection, asked for once
let again = false;
const answers = new WeakMap(); // element → { text, units } of its last explanation
const pictureAnswers = new Map(); // a picture's line → its units
let readPictures = null; // the content script's reader of the picture in view (startPanel's option)

const el = (tag, className, text) => element(document, tag, className, text);

function first(selectors, scope = document) {
  for (const s of selectors) {
    const found = scope.querySelector(s);
    if (found) return found;
  }
  return null;
}

function noteRoot() {
  return first(NOTE_ROOTS);
}

/** The note's text blocks in reading order: title, body, then each comment. */
function noteBlocks() {
  const scope = noteRoot();
  if (!scope) return [];
  const blocks = [];
  const title = first(TITLE);
  if (title) blocks.push({ el: title, role: 'title' });
  const body = first(BODY);
  if (body) blocks.push({ el: body, role: 'body' });
  const comments = COMMENTS.map((c) => document.querySelectorAll(c)).find((found) => found.length > 0) ?? [];
  for (const c of comments) blocks.push({ el: c, role: 'comment' });
  return blocks;
}

/** The lines read in the page's pictures, explained (each asked for once). */
async function pictureBlocks() {
  const texts = pictureTexts();
  const pending = [...new Set(texts.filter((text) => !pictureAnswers.has(text)))];
  for (let i = 0; i < pending.length; i += BATCH) {
    const batch = pending.slice(i, i + BATCH);
    const results = await ask({ type: 'explain', texts: batch.map((text) => text.slice(0, MAX_BLOCK)) });
    batch.forEach((text, k) => pictureAnswers.set(text, results[k]));
  }
  return texts.map((text) => ({ el: null, role: 'picture', context: { text }, units: pictureAnswers.get(text) }));
}

/** Asks the background to explain the blocks whose text is new; each block gets { context, units }. */
async function explainBlocks(blocks) {
  const pending = [];
  for (const b of blocks) {
    b.context = textOf(b.el);
    const known = answers.get(b.el);
    if (known?.text === b.context.text) b.units = known.units;
    else pending.push(b);
  }
  for (let i = 0; i < pending.length; i += BATCH) {
    const batch = pending.slice(i, i + BATCH);
    const results = await ask({ type: 'explain', texts: batch.map((b) => b.context.text.slice(0, MAX_BLOCK)) });
    batch.forEach((b, k) => {
      b.units = results[k];
      answers.set(b.el, { text: b.context.text, units: b.units });
    });
  }
  return blocks;
}

function known(unit) {
  const level = Number(settings.knownHsk);
  return unit.hsk > 0 && unit.hsk <= level;
}

/** The glossary lines: the first occurrence of each listed unit, in order. */
function glossary(blocks) {
  const seen = new Set();
  const lines = [];
  for (const b of blocks) {
    for (const u of b.units) {
      if ((u.kinds & MARKED_KINDS) === 0 || !u.word || known(u)) continue;
      const key = u.word.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      lines.push({ unit: u, block: b });
    }
  }
  return lines;
}

/** Scrolls to a unit of the page and flashes it. */
function flash(block, unit) {
  if (!block.el?.isConnected) return;
  const range = rangeOf(block.context, unit.start, unit.end);
  range.startContainer.parentElement?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  const h = pageHighlight('flash');
  if (!h) return;
  h.clear();
  h.add(range);
  setTimeout(() => h.delete(range), FLASH_MS);
}

/** The glossary's last section: read the picture in view, on request; what came of the last request. */
function picturesSection() {
  const section = el('section', 'pictures');
  const read = el('button', 'read-pictures', t('readPicturesInView', 'Read the pictures in view'));
  read.type = 'button';
  const said = el('p', 'pictures-status', pictureStatus);
  said.setAttribute('role', 'status');
  read.addEventListener(
    'click',
    onClick(async () => {
      said.textContent = t('pictureReadingNow', 'Reading the picture…');
      pictureStatus = await readPictures();
      said.textContent = pictureStatus;
      drawn = null; // the lines read join the views
      await refresh();
    }),
  );
  section.append(el('h3', '', t('panelPictures', 'Text in the pictures')), read, said);
  return section;
}

/** What the last reading of a picture from the panel came to ('' when it went well). */
let pictureStatus = '';

function glossaryView(blocks) {
  const lines = glossary(blocks);
  const pictures = selectionText === null && readPictures ? [picturesSection()] : [];
  if (lines.length === 0) return [el('p', 'empty', t('panelEmpty', 'No slang, memes or idioms here.')), ...pictures];
  const list = el('ol', 'glossary');
  for (const { unit, block } of lines) {
    const item = el('li');
    const go = el('button', 'item');
    go.type = 'button';
    go.dataset.word = unit.word;
    const head = el('span', 'head');
    head.append(el('span', 'hanzi', unit.text), unitPinyin(document, unit), el('span', 'badge', kindName(unit.kinds)));
    go.append(head, el('span', 'meaning', unit.meaning));
    if (block.el) go.addEventListener('click', onClick(() => flash(block, unit)));
    else go.disabled = true;
    item.append(go);
    list.append(item);
  }
  return [list, ...pictures];
}

/** One block as sentences of ruby (pinyin over each word) with a word-by-word line under each. */
function readingOf(block) {
  const out = [];
  const { text } = block.context;
  let line = el('p', 'line');
  let glosses = [];
  let sentence = '';
  let at = 0;
  const endLine = () => {
    if (line.childNodes.length === 0) return;
    if (sentence.trim()) line.append(listenButton(sentence.trim()));
    out.push(line);
    if (glosses.length) {
      const g = el('p', 'gloss');
      glosses.forEach((x, i) => {
        if (i > 0) g.append(' · ');
        const pair = el('span', 'pair');
        pair.append(el('b', '', x.text), ` ${x.gloss}`);
        g.append(pair);
      });
      out.push(g);
    }
    line = el('p', 'line');
    glosses = [];
    sentence = '';
  };
  const add = (node, said) => {
    line.append(node);
    sentence += said;
  };
  const plain = (s) => {
    let from = 0;
    for (let i = 0; i < s.length; i++) {
      if (!SENTENCE_END.test(s[i])) continue;
      if (s[i] !== '\n') add(s.slice(from, i + 1), s.slice(from, i + 1));
      from = i + 1;
      endLine();
    }
    if (from < s.length) add(s.slice(from), s.slice(from));
  };
  for (const u of block.units) {
    if (u.start < at) continue;
    plain(text.slice(at, u.start));
    if (u.pinyin) {
      add(unitRuby(document, u), u.text);
      if (u.gloss) glosses.push(u);
    } else {
      add(u.text, u.text);
    }
    at = u.end;
  }
  plain(text.slice(at));
  endLine();
  return out;
}


/** A button that reads `sentence` aloud, or says in the panel's status line why it cannot. */
function listenButton(sentence) {
  const b = el('button', 'listen', '▶');
  b.type = 'button';
  b.title = t('listen', 'Listen');
  b.setAttribute('aria-label', `${t('listen', 'Listen')}: ${sentence}`);
  b.addEventListener(
    'click',
    onClick(async () => {
      const [key, fallback] = SPEECH_PROBLEMS[await speak(sentence)] ?? [];
      root.querySelector('.status').textContent = key ? t(key, fallback) : '';
    }),
  );
  return b;
}

function readingView(blocks) {
  const shown = blocks.filter((b) => b.role !== 'comment');
  if (shown.length === 0) return [el('p', 'empty', t('panelEmpty', 'No slang, memes or idioms here.'))];
  return shown.flatMap((b) => {
    const section = el('section', `reading reading-${b.role}`);
    section.append(...readingOf(b));
    return [section];
  });
}

/** The panel host's name: random for each page load, so a page cannot look for it. */
const HOST = elementName();

/** The Translate view: every sentence of the blocks, in order, translated on the device where the browser
 *  can (else the plain rewrite and a literal gloss); sentences seen before keep their translations. */
async function translateView(blocks) {
  translated ??= new TranslationView(document, {
    translation,
    target: targetLanguage(settings.translateTo, globalThis.chrome?.i18n?.getUILanguage?.() ?? navigator.language),
    plain: (texts) => ask({ type: 'plain', texts }),
    enabled: settings.translate,
  });
  const sentences = blocks.flatMap((b, i) =>
    sentencesOf(b.context.text).map((s) => ({ key: `${b.role}|${i}|${s.start}|${s.text}`, text: s.text, role: b.role, units: unitsIn(b.units, s) })),
  );
  await translated.show(sentences);
  return [translated.node];
}

function ensureHost() {
  if (host?.isConnected) return;
  drawn = null; // a new host shows nothing yet
  host = document.createElement(HOST);
  root = host.attachShadow({ mode: 'closed' });
  const style = el('style');
  style.textContent = PANEL_CSS + TONE_CSS;
  const button = el('button', 'open', t('explainPost', 'Explain this post'));
  button.type = 'button';
  button.addEventListener('click', onClick(() => openPanel()));
  const panel = el('aside', 'panel');
  panel.hidden = true;
  panel.setAttribute('aria-label', t('panelTitle', 'RedLens: this post explained'));
  const header = el('header');
  const title = el('span', 'title', 'RedLens');
  const tabs = el('span', 'tabs');
  tabs.setAttribute('role', 'tablist');
  for (const [name, key, fallback] of [
    ['glossary', 'tabGlossary', 'Slang & idioms'],
    ['reading', 'tabReading', 'Read with pinyin'],
    ['translate', 'tabTranslate', 'Translate'],
  ]) {
    const tab = el('button', `tab tab-${name}`, t(key, fallback));
    tab.type = 'button';
    tab.setAttribute('role', 'tab');
    tab.addEventListener(
      'click',
      onClick(() => {
        view = name;
        return refresh();
      }),
    );
    tabs.append(tab);
  }
  const close = el('button', 'close', '×');
  close.type = 'button';
  close.setAttribute('aria-label', t('close', 'Close'));
  close.addEventListener('click', onClick(closePanel));
  header.append(title, tabs, close);
  const status = el('p', 'status');
  status.setAttribute('role', 'status');
  const body = el('div', 'body');
  body.setAttribute('aria-live', 'polite');
  panel.append(header, status, body);
  root.append(style, button, panel);
  document.documentElement.append(host);
}

function report(error) {
  console.debug('RedLens:', error);
}

const contained = (fn) => contain(fn, report);
/** A click handler for the reader's own clicks only: contained, and deaf to clicks the page made up. */
const onClick = (fn) => contained(trusted(fn));

/** Redraws the open panel from the page as it is now (once more after the current redraw, if one is
 *  running: the page may have changed meanwhile). */
async function refresh() {
  if (!open) return;
  if (refreshing) {
    again = true;
    return refreshing;
  }
  refreshing = (async () => {
    const blocks = selectionText !== null ? [{ el: null, role: 'body', context: { text: selectionText } }] : noteBlocks();
    if (selectionText !== null) {
      selectionUnits ??= (await ask({ type: 'explain', texts: [selectionText.slice(0, MAX_BLOCK)] }))[0];
      blocks[0].units = selectionUnits;
    } else {
      await explainBlocks(blocks);
      blocks.push(...(await pictureBlocks()));
    }
    // The page changes all the time (the panel follows every change): redraw only when what the panel
    // shows would change, so that its scroll and focus stay where the reader left them.
    const key = [view, settings.knownHsk, settings.toneColors, ...blocks.map((b) => b.context.text)].join('\u0000');
    if (drawn?.key === key && drawn.blocks.every((b, i) => b.el === blocks[i].el)) return;
    drawn = { key, blocks };
    const panel = root.querySelector('.panel');
    panel.className = `panel tones-${settings.toneColors}`;
    for (const tab of root.querySelectorAll('.tab')) tab.setAttribute('aria-selected', String(tab.classList.contains(`tab-${view}`)));
    const views = { glossary: glossaryView, reading: readingView, translate: translateView };
    root.querySelector('.body').replaceChildren(...(await views[view](blocks)));
  })().finally(() => {
    refreshing = null;
    if (again) {
      again = false;
      refresh().catch(report);
    }
  });
  return refreshing;
}

async function openPanel(text = null) {
  ensureHost();
  if (text !== selectionText) translated = null; // another text: another view
  selectionText = text;
  selectionUnits = null;
  drawn = null;
  open = true;
  puckAside(true);
  root.querySelector('.panel').hidden = false;
  root.querySelector('.open').hidden = true;
  await refresh();
}

function closePanel() {
  open = false;
  puckAside(false);
  selectionText = null;
  translated = null;
  if (!root) return;
  root.querySelector('.panel').hidden = true;
  follow();
}

/** Shows the button where there is a note, and keeps the open panel in step with the page. */
function follow() {
  if (followTimer) return;
  followTimer = setTimeout(contained(() => {
    followTimer = 0;
    const note = noteRoot() !== null;
    if (!note && !open) {
      host?.remove();
      return;
    }
    ensureHost();
    root.querySelector('.open').hidden = open || !note;
    if (open) return refresh();
  }), FOLLOW_MS);
}

/** Hides the panel and its button from view (not from the reader's place in it) while a picture under
 *  them is captured. */
export function panelOutOfSight(hidden) {
  // On its parts inside the shadow root: the host's own style cannot beat its `:host` reset.
  for (const part of root?.querySelectorAll('.open, .panel') ?? []) part.style.visibility = hidden ? 'hidden' : '';
}

/** Starts offering the panel (top frame only). `next.readPictures`: reads the picture in view and
 *  resolves with what to tell the reader ('' when lines were read). */
export function startPanel({ readPictures: reader, ...next }) {
  if (reader) readPictures = reader;
  settings = { ...settings, ...next };
  if (window !== window.top || observer) {
    if (open) refresh().catch(report);
    return;
  }
  // The panel and the card live under the root element, outside the body: only the page is followed.
  observer = new MutationObserver(contained(follow));
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  follow();
}

/** Explains a selected text in the panel. */
export function explainSelection(text) {
  return openPanel(String(text).slice(0, MAX_BLOCK));
}

/** Removes the panel and stops following the page. */
export function stopPanel() {
  observer?.disconnect();
  observer = null;
  clearTimeout(followTimer);
  followTimer = 0;
  open = false;
  puckAside(false);
  host?.remove();
  host = null;
  dropHighlight('flash');
}
