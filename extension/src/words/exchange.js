// The word list's files. Export writes an Anki-ready text file (tab-separated, with the header lines
// Anki's importer reads: separator, HTML, column names, tags column) or a CSV; import reads either
// back. Both carry every field, so export → import gives back the same words.
//
// Anki file: fields are HTML, as Anki stores them. Text is escaped (& < > " and tabs, carriage returns
// as character references, newlines as <br>), so no field contains a tab or a quote and no quoting is
// needed; the word in its sentence is marked with <b>…</b>.
// CSV: RFC 4180 quoting; a cell that a spreadsheet would run as a formula (it starts with = + - @, a
// tab or a carriage return) is written behind an apostrophe, which import removes again.

import { cleanItem } from '../shared/wordlist.js';

/** The columns of both files, in order. */
export const COLUMNS = Object.freeze(['word', 'traditional', 'pinyin', 'meaning', 'sentence', 'source', 'title', 'added', 'note', 'tags']);
const ANKI_NAMES = ['Word', 'Traditional', 'Pinyin', 'Meaning', 'Sentence', 'Source', 'Title', 'Added', 'Note', 'Tags'];

/** Largest file import accepts, and most rows. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 20000;

function fields(item) {
  return {
    word: item.word,
    traditional: item.traditional,
    pinyin: item.pinyin,
    meaning: item.meaning,
    sentence: item.sentence,
    source: item.url,
    title: item.title,
    added: new Date(item.added).toISOString(),
    note: item.note,
    tags: item.tags.join(' '),
  };
}

const escapeHtml = (s) =>
  s.replace(/[&<>"\t\r\n]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\t': '&#9;', '\r': '&#13;', '\n': '<br>' })[c]);

const unescapeHtml = (s) =>
  s.replace(/<br>|&(amp|lt|gt|quot|#9|#13);/g, (m) => ({ '<br>': '\n', '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#9;': '\t', '&#13;': '\r' })[m]);

/** The sentence as Anki HTML, the word at `at` marked bold. */
function markedSentence(item) {
  const { sentence, word, at } = item;
  if (at < 0 || sentence.slice(at, at + word.length) !== word) return escapeHtml(sentence);
  return `${escapeHtml(sentence.slice(0, at))}<b>${escapeHtml(word)}</b>${escapeHtml(sentence.slice(at + word.length))}`;
}

/** The Anki text file of `items`. */
export function toAnki(items) {
  const lines = ['#separator:tab', '#html:true', `#columns:${ANKI_NAMES.join('\t')}`, `#tags column:${COLUMNS.length}`];
  for (const item of items) {
    const f = fields(item);
    f.sentence = markedSentence(item);
    lines.push(COLUMNS.map((c) => (c === 'sentence' ? f.sentence : escapeHtml(f[c]))).join('\t'));
  }
  return `${lines.join('\n')}\n`;
}

const FORMULA = /^[=+\-@\t\r]/;

function csvCell(value) {
  const safe = FORMULA.test(value) || /^'[=+\-@\t\r']/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function uncsvCell(value) {
  return /^'[=+\-@\t\r']/.test(value) ? value.slice(1) : value;
}

/** The CSV file of `items`, with a header row. */
export function toCsv(items) {
  const rows = [[...COLUMNS, 'at'].join(',')];
  for (const item of items) {
    const f = fields(item);
    rows.push([...COLUMNS.map((c) => csvCell(f[c])), csvCell(String(item.at))].join(','));
  }
  return `${rows.join('\r\n')}\r\n`;
}

/** Splits CSV text into rows of cells (RFC 4180: quoted cells may hold commas, quotes and newlines). */
function csvRows(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c === '"' && cell === '') {
      quoted = true;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else {
      cell += c;
    }
  }
  if (cell !== '' || row.length) rows.push([...row, cell]);
  return rows;
}

function itemFrom(f, at) {
  return cleanItem({
    word: f.word,
    traditional: f.traditional,
    pinyin: f.pinyin,
    meaning: f.meaning,
    sentence: f.sentence,
    at,
    url: f.source,
    title: f.title,
    added: Date.parse(f.added),
    note: f.note,
    tags: (f.tags ?? '').split(' '),
  });
}

function fromAnki(lines) {
  const items = [];
  let rejected = 0;
  for (const line of lines) {
    if (line.startsWith('#') || line === '') continue;
    const cells = line.split('\t');
    if (cells.length !== COLUMNS.length) {
      rejected += 1;
      continue;
    }
    const f = Object.fromEntries(COLUMNS.map((c, i) => [c, cells[i]]));
    // The marked word gives its place in the sentence; the marks are ours, the text is escaped.
    const marked = /^(.*?)<b>(.*?)<\/b>(.*)$/s.exec(f.sentence);
    let at = -1;
    if (marked) {
      at = unescapeHtml(marked[1]).length;
      f.sentence = marked[1] + marked[2] + marked[3];
    }
    for (const c of COLUMNS) f[c] = unescapeHtml(f[c]);
    const item = itemFrom(f, at);
    if (item) items.push(item);
    else rejected += 1;
  }
  return { items, rejected };
}

function fromCsv(text) {
  const [header, ...rows] = csvRows(text);
  const items = [];
  let rejected = 0;
  for (const cells of rows) {
    if (cells.length === 1 && cells[0] === '') continue;
    if (cells.length !== header.length) {
      rejected += 1;
      continue;
    }
    const f = Object.fromEntries(header.map((c, i) => [c, uncsvCell(cells[i])]));
    const item = itemFrom(f, Number(f.at));
    if (item) items.push(item);
    else rejected += 1;
  }
  return { items, rejected };
}

/**
 * The words of an exported RedLens file (Anki text or CSV), validated: { items, rejected } where
 * rejected counts the rows that were not words. Throws an Error saying why for a file that is not one
 * of ours or is too large.
 */
export function parseWordFile(text) {
  if (typeof text !== 'string' || text.length > MAX_IMPORT_BYTES) throw new Error('The file is larger than 5 MB.');
  const body = text.replace(/^\uFEFF/, '');
  const lines = body.split(/\r?\n/);
  let result;
  if (lines[0] === '#separator:tab' && lines.includes(`#columns:${ANKI_NAMES.join('\t')}`)) {
    result = fromAnki(lines);
  } else if (lines[0] === [...COLUMNS, 'at'].join(',')) {
    result = fromCsv(body);
  } else {
    throw new Error('This is not a word list exported by RedLens.');
  }
  if (result.items.length > MAX_IMPORT_ROWS) throw new Error(`The file has more than ${MAX_IMPORT_ROWS} words.`);
  return result;
}
