// The word-list page: the words saved from cards, grouped by the day they were saved, with search,
// sorting, notes, reading aloud, deleting, and export to Anki or CSV and import back.

import { deleteWord, loadWords, mergeWords, onWordsChanged, setNote } from '../shared/wordlist.js';
import { parseWordFile, toAnki, toCsv } from './exchange.js';
import { SPEECH_PROBLEMS, speak } from '../card/speech.js';
import { element } from '../shared/dom.js';

const api = globalThis.browser ?? globalThis.chrome;
const msg = (key, fallback, ...subs) => api.i18n.getMessage(key, subs.map(String)) || fallback;

const list = document.getElementById('list');
const filter = document.getElementById('filter');
const sort = document.getElementById('sort');
const status = document.getElementById('status');

document.title = msg('wordListTitle', 'RedLens word list');
document.getElementById('title').textContent = msg('wordListTitle', 'RedLens word list');
filter.placeholder = msg('wordListFilter', 'Search words, pinyin, meanings, notes');
document.getElementById('export-anki').textContent = msg('exportAnki', 'Export for Anki');
document.getElementById('export-csv').textContent = msg('exportCsv', 'Export CSV');
document.getElementById('import-label').textContent = msg('importWords', 'Import…');
document.getElementById('privacy').textContent = msg(
  'wordListPrivacy',
  'Your words stay in this browser. Each keeps the sentence it came from and the address of its page without the part after “?” (which can carry tokens and searches); page titles are kept for Xiaohongshu pages only.',
);

/** The orders the list can take: newest first (grouped by day), oldest first, by word, by pinyin. */
const SORTS = {
  newest: [(a, b) => b.added - a.added, 'sortNewest', 'Newest first'],
  oldest: [(a, b) => a.added - b.added, 'sortOldest', 'Oldest first'],
  word: [(a, b) => a.word.localeCompare(b.word, 'zh-Hans-CN-u-co-pinyin'), 'sortWord', 'By word'],
  pinyin: [(a, b) => plain(a.pinyin).localeCompare(plain(b.pinyin)) || b.added - a.added, 'sortPinyin', 'By pinyin'],
};
for (const [value, [, key, fallback]] of Object.entries(SORTS)) {
  const option = document.createElement('option');
  option.value = value;
  option.textContent = msg(key, fallback);
  sort.append(option);
}

/** Pinyin without tone marks, for sorting and searching (`lǜ` → `lv`). */
function plain(s) {
  return s.normalize('NFD').replace(/\u0308/g, 'v').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

let words = [];

const el = (tag, className, text) => element(document, tag, className, text);

function dayOf(item) {
  return new Date(item.added).toLocaleDateString(undefined, { year: 'numeric', month: 'long', day: 'numeric' });
}

function matches(item, query) {
  if (!query) return true;
  const q = query.toLowerCase();
  const fields = [item.word, item.traditional, item.meaning, item.note, item.sentence, item.title];
  return fields.some((f) => f.toLowerCase().includes(q)) || plain(item.pinyin).replaceAll(' ', '').includes(plain(q).replaceAll(' ', ''));
}

function sentenceOf(item) {
  const p = el('div', 'sentence');
  const { sentence, word, at } = item;
  if (at >= 0 && sentence.slice(at, at + word.length) === word) {
    p.append(sentence.slice(0, at), el('mark', '', word), sentence.slice(at + word.length));
  } else {
    p.textContent = sentence;
  }
  return p;
}

function row(item) {
  const box = el('article', 'word');
  box.dataset.word = item.word;
  const head = el('div', 'head');
  head.append(el('span', 'hanzi', item.word));
  if (item.traditional) head.append(el('span', 'hanzi traditional', item.traditional));
  head.append(el('span', 'pinyin', item.pinyin));
  box.append(head, el('div', 'meaning', item.meaning));
  if (item.sentence) box.append(sentenceOf(item));
  if (item.url) {
    const source = el('div', 'source');
    const link = el('a', '', item.title || item.url);
    // Only web pages are links; anything else imported from a file stays text.
    if (/^https?:\/\//.test(item.url)) {
      link.href = item.url;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
    }
    source.append(link);
    box.append(source);
  }
  const note = el('textarea', 'note');
  note.value = item.note;
  note.placeholder = msg('notePlaceholder', 'Add a note');
  note.setAttribute('aria-label', `${msg('notePlaceholder', 'Add a note')}: ${item.word}`);
  note.addEventListener('change', () => setNote(item.word, item.pinyin, note.value).catch(showError));
  box.append(note);
  const buttons = el('div', 'buttons');
  const listen = el('button', 'speak', `▶ ${msg('listen', 'Listen')}`);
  listen.addEventListener('click', () => readAloud(item.sentence || item.word));
  const remove = el('button', 'delete', msg('deleteWord', 'Delete'));
  remove.addEventListener('click', () => deleteWord(item.word, item.pinyin).catch(showError));
  for (const b of [listen, remove]) b.type = 'button';
  buttons.append(listen, remove);
  box.append(buttons);
  return box;
}

function render() {
  const query = filter.value.trim();
  const [order] = SORTS[sort.value] ?? SORTS.newest;
  const shown = words.filter((w) => matches(w, query)).sort(order);
  if (shown.length === 0) {
    const empty = words.length ? msg('wordListNoMatch', 'No saved word matches.') : msg('wordListEmpty', 'No words yet. Press S on a card, or its Save button, to keep a word here.');
    list.replaceChildren(el('p', 'empty', empty));
    return;
  }
  const byDay = sort.value === 'newest' || sort.value === 'oldest';
  const nodes = [];
  let day = null;
  for (const item of shown) {
    if (byDay && dayOf(item) !== day) {
      day = dayOf(item);
      nodes.push(el('h2', 'day', day));
    }
    nodes.push(row(item));
  }
  list.replaceChildren(...nodes);
}

async function reload() {
  words = await loadWords();
  // A note being typed is not redrawn under the cursor; the list catches up when it loses focus.
  if (document.activeElement?.classList.contains('note')) return;
  render();
}

function showError(error) {
  status.textContent = String(error?.message ?? error);
}

async function readAloud(text) {
  const [key, fallback] = SPEECH_PROBLEMS[await speak(text)] ?? [];
  status.textContent = key ? msg(key, fallback) : '';
}

function download(text, name, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

const today = () => new Date().toISOString().slice(0, 10);
document.getElementById('export-anki').addEventListener('click', () => {
  download(toAnki(words), `redlens-words-${today()}.txt`, 'text/plain;charset=utf-8');
  status.textContent = msg('exported', `Exported ${words.length} words.`, words.length);
});
document.getElementById('export-csv').addEventListener('click', () => {
  download(toCsv(words), `redlens-words-${today()}.csv`, 'text/csv;charset=utf-8');
  status.textContent = msg('exported', `Exported ${words.length} words.`, words.length);
});

const input = document.getElementById('import');
input.addEventListener('change', async () => {
  const file = input.files?.[0];
  input.value = '';
  if (!file) return;
  try {
    if (file.size > 5 * 1024 * 1024) throw new Error(msg('importTooLarge', 'The file is larger than 5 MB.'));
    const { items, rejected } = parseWordFile(await file.text());
    const { added, merged, unchanged } = await mergeWords(items);
    status.textContent = msg('imported', `Imported: ${added} new, ${merged} notes added, ${unchanged} already saved, ${rejected} rows skipped.`, added, merged, unchanged, rejected);
  } catch (error) {
    showError(error);
  }
});

filter.addEventListener('input', render);
sort.addEventListener('change', render);
list.addEventListener('focusout', (event) => {
  if (event.target.classList?.contains('note')) setTimeout(render, 0);
});
onWordsChanged(() => reload().catch(showError));
reload().catch(showError);
