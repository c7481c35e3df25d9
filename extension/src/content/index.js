// The content script: finds the word under the pointer (or the finger's tap, or the puck: content/touch.js
// and content/puck.js; or in a picture's text read on request: content/pictures.js), asks the background
// about it (or finds it in a paragraph met before: content/paragraphs.js), marks it and shows the card. Keys while a card is
// shown: Shift (or the key chosen in the options) steps to longer units and the parts, C copies, S saves
// to the word list, P reads aloud, T translates the sentence on the device, Escape closes. Every handler
// is contained: an error here is logged, never thrown into the page.

import { ask } from '../shared/messages.js';
import { copyText, messageCard, renderCard, sampleCard, setSaved, setStatus, setTranslation } from '../card/render.js';
import { TranslationView, unitsIn } from '../card/translation-view.js';
import { Translation, targetLanguage } from '../shared/translation.js';
import { SPEECH_PROBLEMS, speak } from '../card/speech.js';
import { sentenceAround } from '../shared/sentence.js';
import { itemFromCard } from '../shared/wordlist.js';
import { characterAt, contextOf, rangeOf } from './pointer.js';
import { cardDocument, cardPlacement, prepareHost, showCard, showOutlines, showReading, hideCard, isCard, removeCardHost, throughCard } from './card-host.js';
import { biggestPicture, forgetPictures, lineCorners, linesOf, pictureArea, pictureRange, pictureTextAt, rememberText } from './pictures.js';
import { movingFast, reachingFor, track } from './approach.js';
import { echoOfTouch, tapHandlers } from './touch.js';
import { hidePuck, isPuck, keepPuckInView, showPuck } from './puck.js';
import { forgetParagraphs, knownHover, learn } from './paragraphs.js';
import { startAnnotating, stopAnnotating } from './annotate.js';
import { explainSelection, panelOutOfSight, startPanel, stopPanel } from './panel.js';
import { contain, trusted, whenOrphaned } from './contain.js';
import { DEFAULTS, loadSettings, onSettingsChanged } from '../shared/settings.js';

const INSTANCE = Symbol.for('redlens.content');
const api = globalThis.browser ?? globalThis.chrome;

const contained = (fn) => contain(fn, report);
/** A handler of the user's own input: contained, and deaf to events the page made up. */
const fromUser = (fn) => contained(trusted(fn));

function report(error) {
  // Disconnected after an extension update or reload: stop quietly.
  if (String(error?.message).includes('Extension context invalidated')) return stop();
  console.debug('RedLens:', error);
}

let settings = { ...DEFAULTS };
let pending = null; // the latest pointer position not yet looked up
let looking = false; // a lookup is under way
let shown = null; // { context, hover, units, index, start, end, above } of the card shown
let request = 0;

function clear() {
  shown = null;
  hideCard();
}

/** Draws unit `index` of the shown hover (0: the word under the pointer, then longer units). */
function draw() {
  const unit = shown.units[shown.index];
  const { picture } = shown.context;
  // A word read in a picture is marked on the picture, its line outlined.
  const range = picture ? pictureRange(picture, unit.start, unit.end) : rangeOf(shown.context, unit.start, unit.end);
  const parts = shown.index === 0 ? shown.hover.parts : [];
  const options = { ...settings, dark: pageIsDark(picture ? picture.record.element : shown.context.pieces[0].node.parentElement) };
  const actions = { save: contained(toggleSaved), speak: contained(readAloud), translate: contained(translateShown) };
  const card = renderCard(cardDocument(), unit, parts, options, actions);
  shown.card = card;
  showCard(card, range, { above: shown.above, outline: picture ? lineCorners(picture) : null });
  const pinyin = unit.entries[0]?.pinyin_marks;
  if (pinyin !== undefined) {
    ask({ type: 'isSaved', word: unit.text, pinyin }).then((saved) => shown?.card === card && setSaved(card, saved), report);
  }
}

/** The word list item of the unit shown: its entry, its sentence, this page. */
function shownItem() {
  const unit = shown.units[shown.index];
  const { sentence, at } = sentenceAround(shown.context.text, unit.start, unit.end);
  // The background files it under this frame's address, and keeps the title on Xiaohongshu only.
  return itemFromCard(unit, sentence, at, { url: location.href, title: document.title });
}

/** S, or the save button: saves the word shown; the button removes it again. */
async function save({ toggle = false } = {}) {
  const card = shown?.card;
  const item = shown && shownItem();
  if (!item) return;
  try {
    const word = { word: item.word, pinyin: item.pinyin };
    if (toggle && (await ask({ type: 'isSaved', ...word }))) {
      await ask({ type: 'deleteWord', ...word });
      setSaved(card, false);
    } else {
      await ask({ type: 'saveWord', item });
      setSaved(card, true);
    }
  } catch (error) {
    // Storage full or gone: the reader hears of it on the card; the words saved before are untouched.
    if (String(error?.message).includes('Extension context invalidated')) throw error;
    setStatus(card, `${api.i18n.getMessage('saveFailed') || 'Could not save:'} ${error?.message ?? error}`);
  }
}

const toggleSaved = () => save({ toggle: true });

/** P, or the listen button: reads the word shown aloud, or says why it cannot. */
async function readAloud() {
  const card = shown?.card;
  if (!card) return;
  const outcome = await speak(shown.units[shown.index].text);
  const [key, fallback] = SPEECH_PROBLEMS[outcome] ?? [];
  setStatus(card, key ? api.i18n.getMessage(key) || fallback : '');
}

/** The page's translators (shared by every card of this page). */
const translation = new Translation();

/** T, or the translate button: the sentence around the word shown, translated on the device below its
 *  meaning (or, where no translator can be had, in plain Chinese with a literal gloss). The key press or
 *  the click is the gesture that may start the language pack's download. */
async function translateShown() {
  const card = shown?.card;
  if (!card) return;
  const unit = shown.units[shown.index];
  const { sentence } = sentenceAround(shown.context.text, unit.start, unit.end);
  const [units] = await ask({ type: 'explain', texts: [sentence] });
  if (shown?.card !== card) return;
  const view = new TranslationView(cardDocument(), {
    translation,
    target: targetLanguage(settings.translateTo, api.i18n.getUILanguage?.() ?? navigator.language),
    plain: (texts) => ask({ type: 'plain', texts }),
    enabled: settings.translate,
  });
  setTranslation(card, view.node);
  await view.show([{ key: sentence, text: sentence, units: unitsIn(units, { start: 0, end: sentence.length }) }]);
  if (view.mode === 'offer') await view.enable();
}

/** Whether the page is dark where the word is: the first opaque background behind it is dark. */
function pageIsDark(element) {
  for (let el = element; el; el = el.parentElement) {
    const [r, g, b, a = 1] = (getComputedStyle(el).backgroundColor.match(/[\d.]+/g) ?? []).map(Number);
    if (a > 0.5) return 0.2126 * r + 0.7152 * g + 0.0722 * b < 100;
  }
  return matchMedia('(prefers-color-scheme: dark)').matches;
}

/** Looks up the word at (x, y) and shows its card; `above` puts the card above the word (the puck and
 *  the finger on it are below). */
async function lookAt(x, y, above = false) {
  const context = contextAt(x, y);
  if (!context) return clear();
  if (shown && shown.context.text === context.text && context.offset >= shown.start && context.offset < shown.end) return;
  const id = ++request;
  // A paragraph met before is answered here and now; a new one is asked for whole, for the next moves,
  // beside the word under the pointer, which is wanted at once.
  const known = knownHover(context.text, context.offset);
  if (known !== undefined) return show(context, known, above);
  const asked = ask({ type: 'lookupAt', text: context.text, offset: context.offset });
  learn(context.text, report); // asked second: the background answers in order
  prepareHost((doc) => sampleCard(doc, settings));
  const hover = await asked;
  if (id !== request) return; // the pointer has moved on
  show(context, hover, above);
}

/** Shows the card of `hover` (found in `context`), or none where it found nothing. */
function show(context, hover, above) {
  if (!hover) return clear();
  // Shift steps through the word, the longer units that cover it, then its parts.
  const parts = hover.parts.filter((p) => p.entries.length > 0);
  const units = [hover.word, ...hover.longer, ...(parts.length > 1 ? parts : [])];
  shown = { context, hover, units, index: 0, start: hover.word.start, end: hover.word.end, above };
  draw();
}

/** The text at (x, y) with the offset of the character there: a line read in a picture, or the page's
 *  text (over the card, the text beneath it: the pointer passing over the card is aiming there). */
function contextAt(x, y) {
  const inPicture = pictureTextAt(x, y);
  if (inPicture) return inPicture;
  const hit = throughCard(() => characterAt(x, y));
  return hit ? contextOf(hit.node, hit.offset) : null;
}

/** While the pointer is on its way, the paragraph under it is learnt (no card), so that where it comes
 *  to rest the word is explained at once. */
function learnUnder(x, y) {
  const context = contextAt(x, y);
  if (context) learn(context.text, report);
}

const onPointerMove = fromUser((event) => {
  pointer = { x: event.clientX, y: event.clientY };
  if (settings.trigger === 'off' || (settings.trigger === 'alt' && !event.altKey)) return;
  // After a touch, the browser sends mouse events for it: the tap (or the puck) has already been seen.
  if (echoOfTouch(event)) return;
  const onCard = isCard(event.target);
  track(event, onCard);
  if (onCard) {
    // The card holds a pointer that reaches for it (from its word, or slowly); one passing over it on
    // its way elsewhere gets the word beneath.
    if (!shown || shown.held) return;
    if (reachingFor(cardPlacement())) {
      shown.held = true;
      return;
    }
  } else if (shown) {
    shown.held = false;
  }
  const at = { x: event.clientX, y: event.clientY };
  clearTimeout(settling);
  // On its way somewhere: no card for the words it crosses; where it slows down or stops, one.
  if (movingFast()) {
    learnUnder(at.x, at.y);
    settling = setTimeout(() => lookFor(at), SETTLE_MS);
  } else {
    lookFor(at);
  }
});

/** How long a fast pointer must stay still before the word under it is looked up. */
const SETTLE_MS = 50;
let settling = 0;

/** Looks for the word at `at` ({ x, y, above? }), as soon as the lookup before it is done. */
function lookFor(at) {
  pending = at;
  lookSoon();
}

/** A tap: explains the word tapped, or closes the card when it is not on a word. A hover that needs Alt
 *  still takes taps (a touch screen has no Alt); the trigger "off" takes none. */
function onTap(x, y) {
  pointer = { x, y };
  if (settings.trigger === 'off') return;
  clearTimeout(settling);
  lookFor({ x, y });
}

/** Touches on RedLens's own card and puck are theirs, not taps on the page. */
const ours = (event) => isCard(event.target) || isPuck(event.target);
const taps = Object.entries(tapHandlers(onTap, ours)).map(([type, handler]) => [type, fromUser(handler)]);

/** The puck, in the top frame, where the settings ask for it and the trigger is not off. */
function updatePuck() {
  const wanted = settings.puck === 'on' || (settings.puck === 'touch' && matchMedia('(any-pointer: coarse)').matches);
  if (window !== window.top || settings.trigger === 'off' || !wanted) return hidePuck();
  showPuck({
    onAim: contained((point) => lookFor({ ...point, above: true })),
    onRelease: () => {},
  });
}

const onResize = contained(keepPuckInView);

/** Looks up the word under the latest pointer position at once (browsers already deliver pointer moves
 *  once per frame); while one lookup waits for the background, later moves wait for it and only the
 *  last counts. */
const lookSoon = contained(async () => {
  if (looking) return;
  looking = true;
  try {
    while (pending) {
      const { x, y, above } = pending;
      pending = null;
      await lookAt(x, y, above);
    }
  } finally {
    looking = false;
  }
});

/** Copies text without touching the page's DOM: a copy command whose event we fill (this also works
 *  on pages that are not secure contexts, where navigator.clipboard is missing). */
function copy(text) {
  const fill = (e) => {
    e.clipboardData.setData('text/plain', text);
    e.preventDefault();
  };
  document.addEventListener('copy', fill, { capture: true, once: true });
  const done = document.execCommand('copy');
  document.removeEventListener('copy', fill, { capture: true });
  if (!done) navigator.clipboard?.writeText(text).catch(report);
}

function typing(event) {
  const t = event.target;
  return t?.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t?.tagName);
}

const onKeyDown = fromUser((event) => {
  if (!shown || typing(event) || event.metaKey || event.altKey) return;
  if (event.ctrlKey && event.key !== 'Control') return;
  if (event.key === 'Escape') {
    clear();
  } else if (event.key === settings.stepKey && shown.units.length > 1) {
    shown.index = (shown.index + 1) % shown.units.length;
    draw();
  } else if (event.key === 'c' || event.key === 'C') {
    copy(copyText(shown.units[shown.index]));
  } else if ((event.key === 's' || event.key === 'S') && shown.units[shown.index].entries.length) {
    save().catch(report);
  } else if (event.key === 'p' || event.key === 'P') {
    readAloud().catch(report);
  } else if (event.key === 't' || event.key === 'T') {
    translateShown().catch(report);
  }
});

const onScroll = fromUser(() => shown && clear());
// In a frame, the card lives in the top window: close it when the pointer leaves this frame.
const onLeave = fromUser(() => shown && clear());
// A frame that goes away (removed, or navigated) takes the card it drew in the top window with it.
const onPageHide = contained(() => {
  clear();
  removeCardHost();
});

/** How often a visible Xiaohongshu page reminds the background that it is in use. Browsers stop an idle
 *  background after about 30 s; restarting costs a few hundred milliseconds and the segmenter, so while
 *  someone is reading, the background stays warm. */
const KEEP_WARM_MS = 20000;
let keepWarm = 0;

function startKeepingWarm() {
  if (window !== window.top || keepWarm) return;
  keepWarm = setInterval(
    contained(() => {
      if (document.visibilityState === 'visible') return ask({ type: 'status' });
    }),
    KEEP_WARM_MS,
  );
}

function applySettings(next) {
  settings = next;
  if (settings.annotate) startAnnotating({ knownHsk: Number(settings.knownHsk) });
  else stopAnnotating();
  startPanel({ knownHsk: settings.knownHsk, toneColors: settings.toneColors, readPictures: readPicturesForPanel });
  if (settings.trigger === 'off') clear();
  updatePuck();
}

/** Where the pointer was last (the shortcut reads the picture there), and where the context menu was
 *  last opened (its "Read the text in this picture" reads that picture). */
let pointer = null;
let menuPoint = null;
const onContextMenu = fromUser((event) => {
  menuPoint = { x: event.clientX, y: event.clientY };
});

/** The picture being read: { id, at, area } (at: the point whose word is wanted once it is read). */
let reading = null;

/** The background asks which part of the viewport to read (`mode`: around the pointer, the picture
 *  right-clicked, the biggest picture in view): the card goes, and the answer comes once the page is
 *  painted without it, so the capture shows the picture only. */
async function pictureAreaFor(mode) {
  let found = null;
  let at = null;
  if (mode === 'view') {
    const element = biggestPicture();
    found = element && pictureArea(0, 0, true, element);
  } else {
    at = mode === 'menu' ? menuPoint : pointer;
    found = at && pictureArea(at.x, at.y, mode === 'menu');
  }
  clear();
  if (!found) {
    answerPanel(api.i18n.getMessage('pictureNoneInView') || 'No picture in view.');
    return null;
  }
  reading = { id: (reading?.id ?? 0) + 1, at, ...found };
  // The panel and its button may cover the picture: out of sight until the capture is taken.
  panelOutOfSight(true);
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  return { id: reading.id, area: found.area, viewportWidth: found.viewportWidth };
}

/** The panel's request, waiting for the picture read (see readPicturesForPanel). */
let panelWaiting = null;

/** Tells the panel what came of its request ('' when lines were read). */
function answerPanel(message) {
  panelWaiting?.(message);
  panelWaiting = null;
}

/** The panel's "Read the pictures in view": resolves with what to tell the reader. The capture needs
 *  activeTab, which only a gesture on the extension grants (the shortcut, the context menu, the toolbar
 *  popup), never a click in the page: without one the panel says which to use. */
function readPicturesForPanel() {
  return new Promise((resolve) => {
    answerPanel('');
    panelWaiting = resolve;
    ask({ type: 'readPicture' }).catch((error) => answerPanel(String(error?.message ?? error)));
  });
}

/** What to tell the reader of a failed read. */
function pictureError(error) {
  if (/activeTab|all_urls/.test(error)) {
    return api.i18n.getMessage('pictureNeedsGesture') || 'RedLens may see a page\u2019s pictures only once you ask it there: press Alt+Shift+R over the picture, or use "Read the pictures in view" in the toolbar button. Then this button works until you leave the page.';
  }
  return `${api.i18n.getMessage('pictureFailed') || 'Could not read the picture:'} ${error}`;
}

/** The lines read (or the error): kept for the picture, and the word at the point explained (or, read
 *  from the popup without a point, the lines outlined). */
function pictureRead({ id, lines, error }) {
  if (reading?.id !== id) return;
  const { at, area, element } = reading;
  reading = null;
  hideCard();
  panelOutOfSight(false);
  if (error === undefined && Array.isArray(lines)) rememberText(element, lines);
  if (panelWaiting) {
    const none = api.i18n.getMessage('pictureNoText') || 'No text found here in the picture.';
    // The lines go to the panel (no outlines: the panel may lie over the picture).
    answerPanel(error !== undefined ? pictureError(error) : lines.length ? '' : none);
    return;
  }
  if (error === undefined && at && pictureTextAt(at.x, at.y)) return lookFor(at);
  if (error === undefined && !at && lines.length > 0) return showOutlines(linesOf(element).map((line) => lineCorners(line)));
  const text = error !== undefined ? pictureError(error) : api.i18n.getMessage('pictureNoText') || 'No text found here in the picture.';
  const card = messageCard(cardDocument(), text, { ...settings, dark: false });
  const rect = DOMRect.fromRect(area);
  showCard(card, { getClientRects: () => [], getBoundingClientRect: () => rect });
}

/** The background's messages: the context menu's "explain the selection in the panel", and the steps of
 *  reading a picture (which part to read, reading, the lines read). */
function onMessage(message, sender, sendResponse) {
  if (window !== window.top) return false;
  if (message?.type === 'explainSelection' && typeof message.text === 'string') {
    explainSelection(message.text).catch(report);
  } else if (message?.type === 'pictureArea') {
    pictureAreaFor(message.mode).then(sendResponse, (error) => {
      report(error);
      sendResponse(null);
    });
    return true;
  } else if (message?.type === 'pictureReading' && reading?.id === message.id) {
    panelOutOfSight(false);
    showReading(reading.area);
  } else if (message?.type === 'pictureText') {
    contained(pictureRead)(message);
  }
  return false;
}

function start() {
  loadSettings().then(applySettings, report);
  api.runtime.onMessage.addListener(onMessage);
  onSettingsChanged(contained(applySettings));
  document.addEventListener('mousemove', onPointerMove, { passive: true, capture: true });
  for (const [type, handler] of taps) document.addEventListener(type, handler, { passive: true, capture: true });
  document.addEventListener('keydown', onKeyDown, { capture: true });
  document.addEventListener('contextmenu', onContextMenu, { passive: true, capture: true });
  window.addEventListener('scroll', onScroll, { passive: true, capture: true });
  window.addEventListener('resize', onResize, { passive: true });
  document.documentElement.addEventListener('mouseleave', onLeave);
  window.addEventListener('pagehide', onPageHide);
  startKeepingWarm();
}

function stop() {
  document.removeEventListener('mousemove', onPointerMove, { capture: true });
  for (const [type, handler] of taps) document.removeEventListener(type, handler, { capture: true });
  document.removeEventListener('keydown', onKeyDown, { capture: true });
  document.removeEventListener('contextmenu', onContextMenu, { capture: true });
  window.removeEventListener('scroll', onScroll, { capture: true });
  window.removeEventListener('resize', onResize);
  hidePuck();
  document.documentElement.removeEventListener('mouseleave', onLeave);
  window.removeEventListener('pagehide', onPageHide);
  clearInterval(keepWarm);
  keepWarm = 0;
  clearTimeout(settling);
  forgetParagraphs();
  forgetPictures();
  stopAnnotating();
  stopPanel();
  clear();
  removeCardHost();
  try {
    api.runtime.onMessage.removeListener(onMessage);
  } catch {
    // The runtime of an extension that has gone may refuse even this; its messages stopped anyway.
  }
}

// A reloaded extension injects a new content script into pages that stay open: the old one stops, as
// it does by itself at its first event once its extension has gone.
globalThis[INSTANCE]?.stop?.();
globalThis[INSTANCE] = { stop };
whenOrphaned(stop);
start();
