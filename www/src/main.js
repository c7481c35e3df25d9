// The playground: the extension's engine and card renderer in a page. Text typed or pasted (or given
// as #text=) is explained as you type: each word becomes a focusable span with its kinds; a pointer, a
// tap, or Enter opens its card; slang, memes and idioms are listed beside the text; a dictionary search
// box sits below. The page shows at once; the engine arrives when the dictionary has downloaded.

import init, { Engine } from 'redlens-wasm';
import { entryCache, hoverReader } from '../../extension/src/background/hover.js';
import { textReader } from '../../extension/src/background/text.js';
import { DEFAULT_OPTIONS, kindName, renderCard, renderHits, unitPinyin, unitRuby } from '../../extension/src/card/render.js';
import { element } from '../../extension/src/shared/dom.js';
import { MARKED_KINDS } from '../../extension/src/shared/kinds.js';
import { CARD_BODY_CSS, TRANSLATION_CSS } from '../../extension/src/card/style.js';
import { TranslationView, unitsIn } from '../../extension/src/card/translation-view.js';
import { sentencesOf } from '../../extension/src/shared/sentence.js';
import { Translation, targetLanguage } from '../../extension/src/shared/translation.js';
import { EXAMPLES } from './examples.js';
import { sharedText } from './share.js';

/** Longest text explained (longer text is shown but cut for explaining): several long posts. */
const MAX_TEXT = 20000;
const TYPING_MS = 250;
const SEARCH_MS = 150;
const SEGMENTER_STEP = 20000;

const input = document.getElementById('input');
const output = document.getElementById('output');
const glossary = document.getElementById('glossary');
const layer = document.getElementById('card-layer');
const status = document.getElementById('status');
const progress = document.getElementById('progress');
const pinyinToggle = document.getElementById('pinyin');
const search = document.getElementById('search');
const results = document.getElementById('results');
const pictures = document.getElementById('pictures');
const pictureList = document.getElementById('picture-list');

const style = document.createElement('style');
style.textContent = CARD_BODY_CSS + TRANSLATION_CSS;
document.head.append(style);

let engine = null;
let hover = null;
let explain = null;
let openSpan = null;

const dark = () => matchMedia('(prefers-color-scheme: dark)').matches;
const cardOptions = () => ({ ...DEFAULT_OPTIONS, dark: dark() });

const el = (tag, className, text) => element(document, tag, className, text);

// ---- loading ----------------------------------------------------------------------------------

/** Fetches a file of this site, reporting the share received. */
async function download(url, onProgress) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status} ${response.statusText}`);
  const total = Number(response.headers.get('content-length')) || 0;
  if (!response.body || !total) return new Uint8Array(await response.arrayBuffer());
  const bytes = new Uint8Array(total);
  const reader = response.body.getReader();
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (received + value.length > total) throw new Error(`${url}: longer than announced`);
    bytes.set(value, received);
    received += value.length;
    onProgress(received / total);
  }
  return received === total ? bytes : bytes.subarray(0, received);
}

async function start() {
  const [, bytes] = await Promise.all([
    init({ module_or_path: 'pkg/redlens_bg.wasm' }),
    download('redlens.dict', (share) => {
      progress.value = share;
    }),
  ]);
  const e = new Engine(bytes);
  keepForOffline(bytes);
  const entry = entryCache(e);
  hover = hoverReader(e, entry);
  explain = textReader(e, entry, hover).explain;
  engine = e;
  status.textContent = 'Ready.';
  document.getElementById('loading').classList.add('done');
  render();
  // The segmenter is built in small steps between tasks; until then words are found by longest match.
  const step = () => {
    if (e.prepareSegmenter(SEGMENTER_STEP)) {
      output.dataset.segmented = 'true'; // words are cut by the segmenter from now on
      render();
    } else setTimeout(step, 0);
  };
  setTimeout(step, 0);
  search.dispatchEvent(new Event('input'));
}

/** Hands the downloaded dictionary to the service worker, which keeps it for offline visits: the
 *  engine has its own copy, so the bytes move rather than download twice. */
function keepForOffline(bytes) {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  navigator.serviceWorker.ready
    .then((registration) => {
      const buffer = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : bytes.slice().buffer;
      registration.active?.postMessage({ type: 'keep-dictionary', bytes: buffer }, [buffer]);
    })
    .catch((error) => console.warn('RedLens: no offline copy of the dictionary:', error));
}

// ---- the explained text -----------------------------------------------------------------------

function unitNode(unit, line, withPinyin) {
  const span = el('span', 'w');
  span.dataset.line = String(line);
  span.dataset.start = String(unit.start);
  if (withPinyin && unit.pinyin) {
    span.append(unitRuby(document, unit));
  } else {
    span.textContent = unit.text;
  }
  span.tabIndex = 0;
  span.setAttribute('role', 'button');
  if (unit.kinds & MARKED_KINDS) {
    span.classList.add('mark');
    span.setAttribute('aria-label', `${unit.text}, ${kindName(unit.kinds)}`);
  }
  return span;
}

let lines = [];

/** Redraws the explained text and the glossary from the box. */
function render() {
  closeCard();
  const text = input.value.slice(0, MAX_TEXT);
  lines = text.split('\n');
  if (!engine) {
    output.textContent = input.value;
    return;
  }
  const withPinyin = pinyinToggle.checked;
  output.classList.toggle('with-pinyin', withPinyin);
  const nodes = [];
  const found = new Map();
  lines.forEach((line, i) => {
    if (i > 0) nodes.push('\n');
    let at = 0;
    for (const unit of explain(line)) {
      if (unit.start > at) nodes.push(line.slice(at, unit.start));
      if (unit.word) {
        const span = unitNode(unit, i, withPinyin);
        nodes.push(span);
        const key = unit.word.toLowerCase();
        if (unit.kinds & MARKED_KINDS && !found.has(key)) found.set(key, { unit, span });
      } else {
        nodes.push(unit.text);
      }
      at = unit.end;
    }
    if (at < line.length) nodes.push(line.slice(at));
  });
  if (input.value.length > MAX_TEXT) nodes.push(el('p', 'hint', `(Only the first ${MAX_TEXT} characters are explained.)`));
  // A word that has the keyboard's focus keeps it through a redraw (the segmenter's comes a moment
  // after the first): the word now at the same place of the same line takes it.
  const focused = document.activeElement?.closest?.('#output .w');
  output.replaceChildren(...nodes);
  if (focused) {
    const at = Number(focused.dataset.start);
    const same = [...output.querySelectorAll('.w')].filter((w) => w.dataset.line === focused.dataset.line && Number(w.dataset.start) <= at);
    same.at(-1)?.focus();
  }
  renderGlossary([...found.values()]);
  renderTranslation(lines);
}

// ---- the translation ----------------------------------------------------------------------------

/** The browser's on-device translator, where it has one; shared by every redraw. */
const translation = new Translation();
const translationBox = document.getElementById('translation');

/** Redraws the translated view of the text's lines (sentences translated before are translated again
 *  only where the text changed: the translator keeps its pack, the view is new). */
function renderTranslation(textLines) {
  const view = new TranslationView(document, {
    translation,
    target: targetLanguage('auto', navigator.language),
    plain: async (texts) => texts.map((t) => engine.plainText(t)),
  });
  translationBox.replaceChildren(view.node);
  const sentences = textLines.flatMap((line, i) => {
    const units = explain(line);
    return sentencesOf(line).map((s) => ({ key: `${i}|${s.start}|${s.text}`, text: s.text, units: unitsIn(units, s) }));
  });
  view.show(sentences).catch((error) => console.error(error));
}

function renderGlossary(items) {
  if (items.length === 0) {
    glossary.replaceChildren(el('li', 'empty', input.value.trim() ? 'None in this text.' : 'Paste a post to see its slang here.'));
    return;
  }
  glossary.replaceChildren(
    ...items.map(({ unit, span }) => {
      const li = el('li');
      const b = el('button');
      b.type = 'button';
      b.dataset.word = unit.word;
      b.append(el('span', 'hanzi', unit.text), unitPinyin(document, unit), el('span', 'meaning', unit.meaning));
      b.addEventListener('click', () => {
        span.scrollIntoView({ block: 'center', behavior: 'smooth' });
        span.focus({ preventScroll: true });
        openCard(span);
      });
      li.append(b);
      return li;
    }),
  );
}

// ---- cards ------------------------------------------------------------------------------------

function openCard(span) {
  const line = lines[Number(span.dataset.line)];
  const found = hover?.(line, Number(span.dataset.start));
  if (!found) return;
  closeCard();
  const card = renderCard(document, found.word, found.parts, cardOptions());
  card.id = 'card';
  layer.append(card);
  openSpan = span;
  span.classList.add('open');
  span.setAttribute('aria-expanded', 'true');
  span.setAttribute('aria-controls', 'card');
  // Below the word, or above it where there is no room; never off the page's sides.
  const r = span.getBoundingClientRect();
  const size = card.getBoundingClientRect();
  const below = r.bottom + 6;
  const top = below + size.height <= innerHeight || r.top - 6 - size.height < 0 ? below : r.top - 6 - size.height;
  const left = Math.max(8, Math.min(r.left, document.documentElement.clientWidth - size.width - 8));
  card.style.left = `${left + scrollX}px`;
  card.style.top = `${top + scrollY}px`;
}

function closeCard() {
  layer.replaceChildren();
  if (openSpan) {
    openSpan.classList.remove('open');
    openSpan.removeAttribute('aria-expanded');
    openSpan.removeAttribute('aria-controls');
  }
  openSpan = null;
}

const wordOf = (target) => (target instanceof Element ? target.closest('.w') : null);

// A mouse opens cards by pointing; touch and pen by tapping (and a tap elsewhere closes).
output.addEventListener('pointerover', (event) => {
  const span = wordOf(event.target);
  if (event.pointerType === 'mouse' && span && span !== openSpan) openCard(span);
});
document.addEventListener('click', (event) => {
  const span = wordOf(event.target);
  if (span && output.contains(span)) {
    if (span !== openSpan) openCard(span);
    return;
  }
  // A tap anywhere else closes the card, except on what opened it (a glossary line, a picture's line) or
  // the card itself.
  if (!layer.contains(event.target) && !glossary.contains(event.target) && !pictureList.contains(event.target)) closeCard();
});
output.addEventListener('keydown', (event) => {
  const span = wordOf(event.target);
  if (!span || (event.key !== 'Enter' && event.key !== ' ')) return;
  event.preventDefault();
  if (span === openSpan) closeCard();
  else openCard(span);
});
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && openSpan) {
    const span = openSpan;
    closeCard();
    span.focus();
  }
});

// ---- the box, the link, the examples ------------------------------------------------------------

let typing = 0;
input.addEventListener('input', () => {
  clearTimeout(typing);
  typing = setTimeout(() => {
    render();
    // The address follows the text, so that it can be shared as it is.
    history.replaceState(null, '', linkToText());
  }, TYPING_MS);
});
pinyinToggle.addEventListener('change', render);

/** The address of this page with the text: in the fragment (#text=…), which the browser never sends
 *  to a server, so that what is typed stays in the browser even when the page is reloaded. */
function linkToText() {
  const url = new URL(location.pathname, location.origin);
  if (input.value) url.hash = new URLSearchParams({ text: input.value }).toString();
  return url.href;
}

/** The text an address carries: in the fragment, or in the query of links made before (?text=…), which
 *  is then moved into the fragment. */
function textOfAddress() {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('text');
  if (fromHash !== null) return fromHash;
  const fromQuery = new URLSearchParams(location.search).get('text');
  if (fromQuery !== null) {
    input.value = fromQuery;
    history.replaceState(null, '', linkToText());
  }
  return fromQuery ?? '';
}

document.getElementById('copy-link').addEventListener('click', async () => {
  const link = linkToText();
  try {
    await navigator.clipboard.writeText(link);
    status.textContent = 'Link copied.';
  } catch {
    status.textContent = `Link: ${link}`;
  }
});

const examples = document.getElementById('examples');
for (const example of EXAMPLES) {
  const b = el('button', '', example.title);
  b.type = 'button';
  b.addEventListener('click', () => {
    input.value = example.text;
    input.dispatchEvent(new Event('input'));
  });
  examples.append(b);
}

// ---- dictionary search -------------------------------------------------------------------------

let searching = 0;
search.addEventListener('input', () => {
  clearTimeout(searching);
  searching = setTimeout(() => {
    const q = search.value.trim();
    if (!q || !engine) {
      results.replaceChildren();
      return;
    }
    const hits = engine.search(q.slice(0, 200), 20);
    results.replaceChildren(...(hits.length ? renderHits(document, hits, cardOptions()) : [el('p', 'hint', 'Nothing found.')]));
  }, SEARCH_MS);
});

// ---- pictures: their text read on this device -----------------------------------------------------

/** The picture reader (extension/src/ocr/worker.js): started on the first picture, never before; ended when it
 *  has been idle this long, which gives its memory (the models and their compiled plans) back. */
const OCR_IDLE_MS = 60000;
const SVG = 'http://www.w3.org/2000/svg';
let ocrWorker = null;
let ocrIdle = 0;
let ocrNext = 0;
const ocrJobs = new Map();
/** Told the share of the reader's files received while it loads. */
let ocrProgress = () => {};

function stopOcr() {
  clearTimeout(ocrIdle);
  ocrWorker?.terminate();
  ocrWorker = null;
  for (const job of ocrJobs.values()) job.reject(new Error('the picture reader stopped'));
  ocrJobs.clear();
}

/** Reads a picture's text in the worker: its lines, each {text, box: four [x, y] corners, score}. */
function readPicture(blob) {
  clearTimeout(ocrIdle);
  if (!ocrWorker) {
    ocrWorker = new Worker('ocr-worker.js');
    ocrWorker.addEventListener('message', ({ data }) => {
      if (typeof data?.progress === 'number') {
        ocrProgress(data.progress);
        return;
      }
      const job = ocrJobs.get(data?.id);
      if (!job) return;
      ocrJobs.delete(data.id);
      if (data.error) job.reject(new Error(data.error));
      else job.resolve(data.lines);
      if (ocrJobs.size === 0) ocrIdle = setTimeout(stopOcr, OCR_IDLE_MS);
    });
    // The worker's script could not be loaded or run (offline before the reader's first use).
    ocrWorker.addEventListener('error', (event) => {
      event.preventDefault();
      const jobs = [...ocrJobs.values()];
      ocrJobs.clear();
      stopOcr();
      for (const job of jobs) job.reject(new Error('the picture reader could not be loaded'));
    });
  }
  const id = ++ocrNext;
  return new Promise((resolve, reject) => {
    ocrJobs.set(id, { resolve, reject });
    ocrWorker.postMessage({ id, picture: blob });
  });
}

/** The text the box last got from pictures (with the line break before it), replaced by the next. */
let readText = '';
/** Counts the sets of pictures given: a set's late results are dropped once another is given. */
let pictureRun = 0;

/** Puts the text read into the box, after what was there (typed or shared), instead of the text read
 *  from pictures before, and explains it. */
function putRead(text) {
  const value = input.value;
  const kept = readText && value.endsWith(readText) ? value.slice(0, -readText.length) : value;
  readText = kept && text ? `\n${text}` : text;
  input.value = kept + readText;
  history.replaceState(null, '', linkToText());
  render();
}

/** The outlines of a picture's lines, over it: an SVG in the picture's own pixels. */
function outlines(img, read, onPick) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', 'boxes');
  svg.setAttribute('viewBox', `0 0 ${img.naturalWidth} ${img.naturalHeight}`);
  svg.setAttribute('preserveAspectRatio', 'none');
  for (const line of read) {
    const box = document.createElementNS(SVG, 'polygon');
    box.setAttribute('class', 'line');
    box.setAttribute('points', line.box.map(([x, y]) => `${x},${y}`).join(' '));
    box.setAttribute('tabindex', '0');
    box.setAttribute('role', 'button');
    box.setAttribute('aria-label', `Explain the line ${line.text}`);
    box.dataset.text = line.text;
    const title = document.createElementNS(SVG, 'title');
    title.textContent = line.text;
    box.append(title);
    box.addEventListener('click', () => onPick(box));
    box.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      event.preventDefault();
      onPick(box);
    });
    svg.append(box);
  }
  return svg;
}

/** A click on a line's outline: that line of the explained text is shown, flashed, and its first slang
 *  (or first word) gets its card. */
function explainLine(box) {
  for (const other of pictureList.querySelectorAll('.line.picked')) other.classList.remove('picked');
  box.classList.add('picked');
  const at = lines.indexOf(box.dataset.text);
  if (at < 0) return;
  const words = [...output.querySelectorAll(`.w[data-line="${at}"]`)];
  const span = words.find((w) => w.classList.contains('mark')) ?? words[0];
  if (!span) return;
  for (const w of words) w.classList.add('flash');
  setTimeout(() => words.forEach((w) => w.classList.remove('flash')), 1500);
  // At once, not smoothly: the card is placed by where the word is.
  span.scrollIntoView({ block: 'center' });
  span.focus({ preventScroll: true });
  openCard(span);
}

/** Shows pictures (Blobs or Files) under the box and reads them one by one in the worker: each gets the
 *  outlines of its lines, and their text goes into the box, explained. */
async function showPictures(blobs) {
  const run = ++pictureRun;
  for (const img of pictureList.querySelectorAll('img')) URL.revokeObjectURL(img.src);
  const shown = blobs.map((blob, i) => {
    const figure = el('figure', 'picture');
    const frame = el('div', 'frame');
    const img = document.createElement('img');
    img.alt = `Picture ${i + 1}${blob.name ? `: ${blob.name}` : ''}`;
    frame.append(img);
    const caption = el('figcaption', 'hint');
    caption.setAttribute('role', 'status');
    figure.append(frame, caption);
    return { blob, figure, frame, img, caption };
  });
  pictureList.replaceChildren(...shown.map((s) => s.figure));
  pictures.hidden = blobs.length === 0;
  putRead('');
  const read = [];
  for (const { blob, figure, frame, img, caption } of shown) {
    if (run !== pictureRun) return;
    const fail = (message) => {
      figure.classList.add('failed');
      caption.textContent = message;
    };
    if (!blob.type.startsWith('image/')) {
      fail(`${blob.name || 'This file'} is not a picture.`);
      continue;
    }
    img.src = URL.createObjectURL(blob);
    try {
      await img.decode();
    } catch {
      fail(`${blob.name || 'This picture'} could not be opened: the file is damaged, or in a format this browser does not show.`);
      continue;
    }
    caption.textContent = 'Reading the text in the picture…';
    ocrProgress = (share) => {
      caption.textContent = `Loading the picture reader (about 32 MB, only this once; then it works offline): ${Math.round(share * 100)} %`;
    };
    let found;
    try {
      found = await readPicture(blob);
    } catch (error) {
      if (run === pictureRun) fail(`The text could not be read: ${error.message}.`);
      continue;
    }
    if (run !== pictureRun) return;
    if (found.length === 0) {
      figure.classList.add('empty');
      caption.textContent = 'No text found in this picture.';
      continue;
    }
    frame.append(outlines(img, found, explainLine));
    caption.textContent = `${found.length} ${found.length === 1 ? 'line' : 'lines'} read, and put in the box above. Click a line's outline to explain it.`;
    read.push(...found.map((l) => l.text));
    putRead(read.join('\n'));
  }
}

/** The pictures among some files (pasted, dropped), or all of them when none is one, to be refused by name. */
const picturesOf = (files) => {
  const all = [...(files ?? [])];
  const images = all.filter((f) => f.type.startsWith('image/'));
  return images.length ? images : all;
};

/** A share to the installed app arrives as #title=…&shared=…&link=…&pictures=n (see sw.js): its text,
 *  without the app's boilerplate, goes into the box; its pictures are shown. Returns whether there was one. */
async function takeShare() {
  const params = new URLSearchParams(location.hash.slice(1));
  if (!params.has('shared') && !params.has('pictures')) return false;
  input.value = sharedText({ title: params.get('title') ?? '', text: params.get('shared') ?? '', url: params.get('link') ?? '' });
  history.replaceState(null, '', linkToText());
  render();
  const count = Math.min(Number(params.get('pictures')) || 0, 8);
  if (count > 0 && 'caches' in window) {
    const kept = await caches.open('redlens-shared');
    const found = await Promise.all(Array.from({ length: count }, (_, i) => kept.match(`shared/${i}`)));
    readText = '';
    await showPictures(await Promise.all(found.filter(Boolean).map((r) => r.blob())));
  }
  return true;
}

// A pasted picture is read like a shared one; pasted text goes into the box as usual.
input.addEventListener('paste', (event) => {
  const images = [...(event.clipboardData?.files ?? [])].filter((f) => f.type.startsWith('image/'));
  if (images.length) {
    event.preventDefault();
    showPictures(images);
  }
});

// A picture dropped on the box's section, or chosen with the button.
const writeSection = document.querySelector('section.write');
writeSection.addEventListener('dragover', (event) => {
  if (!event.dataTransfer?.types.includes('Files')) return;
  event.preventDefault();
  writeSection.classList.add('dropping');
});
writeSection.addEventListener('dragleave', () => writeSection.classList.remove('dropping'));
writeSection.addEventListener('drop', (event) => {
  writeSection.classList.remove('dropping');
  const files = picturesOf(event.dataTransfer?.files);
  if (!files.length) return;
  event.preventDefault();
  showPictures(files);
});
const pictureFile = document.getElementById('picture-file');
document.getElementById('choose-picture').addEventListener('click', () => pictureFile.click());
pictureFile.addEventListener('change', () => {
  const files = picturesOf(pictureFile.files);
  if (files.length) showPictures(files);
  pictureFile.value = '';
});

// ---- start ----------------------------------------------------------------------------------------

input.value = textOfAddress();
render();
takeShare().catch((error) => console.warn('RedLens: the share could not be read:', error));
// A link to this page opened in the same tab changes only the fragment: take its text.
window.addEventListener('hashchange', () => {
  const text = new URLSearchParams(location.hash.slice(1)).get('text');
  if (text === null || text === input.value) return;
  input.value = text;
  render();
});
start().catch((error) => {
  status.textContent = `RedLens could not load its dictionary: ${error.message}`;
  console.error(error);
});
// A second visit works offline: the service worker keeps this site's files.
if ('serviceWorker' in navigator && window.isSecureContext) {
  navigator.serviceWorker.register('sw.js').catch((error) => console.warn('RedLens: no offline copy:', error));
}
