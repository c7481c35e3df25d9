// The word list: words saved from cards, kept in storage.local (which survives browser restarts and
// extension updates). Each word is stored under a key of its own, so two tabs saving at the same time
// never overwrite each other's words, and each item carries its format version, so an update that
// changes the format migrates what is stored instead of losing it.

const api = globalThis.browser ?? globalThis.chrome;

/** The format of the items this version writes. */
export const FORMAT = 1;
/** Every stored word's key starts with this. */
const PREFIX = 'word:';

/** Longest value kept for each text field; longer text is cut (a word list is not an archive). */
export const LIMITS = Object.freeze({
  word: 64,
  traditional: 64,
  pinyin: 256,
  meaning: 2000,
  sentence: 1000,
  url: 2048,
  title: 500,
  note: 2000,
});
/** Most tags on a word, and the longest tag. */
const MAX_TAGS = 20;
const MAX_TAG = 40;

/** The storage key of a word with a reading: the same word read two ways is two items. */
export function keyOf(word, pinyin) {
  return `${PREFIX}${word}\u0001${pinyin}`;
}

const text = (value, max) => (typeof value === 'string' ? value.toWellFormed().slice(0, max) : '');

/**
 * Where a word was saved, keeping only what says where: the origin and the path. The query and the
 * fragment go: they carry tokens (Xiaohongshu's xsec_token), search terms and session ids, and word
 * lists are exported and shared. Anything but an http(s) address is dropped.
 */
export function pageAddress(url) {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? `${u.origin}${u.pathname}` : '';
  } catch {
    return '';
  }
}

/**
 * A clean item of the current format from anything: fields of the wrong type become empty, long text is
 * cut, lone surrogates become U+FFFD. Returns null where there is no word to keep.
 */
export function cleanItem(raw) {
  if (raw === null || typeof raw !== 'object') return null;
  const item = { v: FORMAT };
  for (const [field, max] of Object.entries(LIMITS)) item[field] = text(raw[field], max);
  item.word = item.word.trim();
  item.url = pageAddress(item.url);
  if (!item.word) return null;
  item.at = Number.isInteger(raw.at) && raw.at >= 0 && raw.at < item.sentence.length ? raw.at : item.sentence.indexOf(item.word);
  item.added = Number.isFinite(raw.added) && raw.added > 0 ? Math.floor(raw.added) : Date.now();
  const tags = Array.isArray(raw.tags) ? raw.tags : [];
  item.tags = [...new Set(tags.map((t) => text(t, MAX_TAG).replace(/\s+/g, '_')).filter(Boolean))].slice(0, MAX_TAGS);
  return item;
}

/**
 * A stored value brought to the current format, or null if it is not a word list item. Formats newer
 * than this version are kept as they are by the caller (an older version after a downgrade must not
 * destroy them), so they come back as null here.
 */
export function migrate(stored) {
  if (stored === null || typeof stored !== 'object' || !Number.isInteger(stored.v)) return null;
  // Version 1 is the first format; later versions add their steps here, oldest first.
  if (stored.v === FORMAT) return cleanItem(stored);
  return null;
}

/** The item to save for a found unit: its first entry, the sentence around it, and the page (its
 *  address without query or fragment). */
export function itemFromCard(found, sentence, at, page) {
  const e = found.entries[0];
  const meaning = e ? (e.explanation?.meaning ?? e.senses.slice(0, 3).join('; ')) : '';
  const tags = ['redlens'];
  for (const kind of e?.kinds ?? []) if (kind !== 'word') tags.push(kind);
  if (e?.hsk) tags.push(e.hsk === 7 ? 'HSK7-9' : `HSK${e.hsk}`);
  return cleanItem({
    word: found.text,
    traditional: e && e.traditional !== e.simplified && found.text === e.simplified ? e.traditional : '',
    pinyin: e?.pinyin_marks ?? '',
    meaning,
    sentence,
    at,
    url: page.url,
    title: page.title,
    added: Date.now(),
    note: '',
    tags,
  });
}

/** Every word saved, migrated to the current format; items of a newer format are left out. */
export async function loadWords() {
  const all = await api.storage.local.get(null);
  return Object.entries(all)
    .filter(([key]) => key.startsWith(PREFIX))
    .map(([, value]) => migrate(value))
    .filter(Boolean);
}

/** Whether a word with this reading is saved. */
export async function isSaved(word, pinyin) {
  const key = keyOf(word, pinyin);
  const got = await api.storage.local.get(key);
  return key in got;
}

/**
 * A saved word with what a later save adds: the word keeps everything the user saved (its sentence with
 * its page, its date, its note, its tags) and only gains what it lacked.
 */
export function keepSaved(existing, item) {
  const kept = { ...existing };
  if (!existing.sentence && item.sentence) Object.assign(kept, { sentence: item.sentence, at: item.at, url: item.url, title: item.title });
  for (const field of ['traditional', 'meaning', 'note']) kept[field] ||= item[field];
  kept.tags = [...new Set([...existing.tags, ...item.tags])];
  return kept;
}

/** Saves `item` (a clean item); a word already saved keeps what it has (see `keepSaved`). Resolves
 *  to the item stored. */
export async function saveWord(item) {
  const key = keyOf(item.word, item.pinyin);
  const existing = migrate((await api.storage.local.get(key))[key]);
  const kept = existing ? keepSaved(existing, item) : item;
  await api.storage.local.set({ [key]: kept });
  return kept;
}

/** Removes a word. */
export async function deleteWord(word, pinyin) {
  await api.storage.local.remove(keyOf(word, pinyin));
}

/** Sets a word's note (nothing happens if the word was removed meanwhile). */
export async function setNote(word, pinyin, note) {
  const key = keyOf(word, pinyin);
  const existing = migrate((await api.storage.local.get(key))[key]);
  if (!existing) return;
  await api.storage.local.set({ [key]: { ...existing, note: text(note, LIMITS.note) } });
}

/**
 * Adds the items that are not saved yet (by word and reading); a saved word keeps everything but gains
 * the imported note where it had none. Resolves to { added, merged, unchanged }.
 */
export async function mergeWords(items) {
  const all = await api.storage.local.get(null);
  const writes = {};
  const counts = { added: 0, merged: 0, unchanged: 0 };
  for (const item of items) {
    const key = keyOf(item.word, item.pinyin);
    const existing = writes[key] ?? migrate(all[key]);
    if (!existing) {
      writes[key] = item;
      counts.added += 1;
    } else if (!existing.note && item.note) {
      writes[key] = { ...existing, note: item.note };
      counts.merged += 1;
    } else {
      counts.unchanged += 1;
    }
  }
  await api.storage.local.set(writes);
  return counts;
}

/** Calls `listener()` whenever a saved word is added, changed or removed. */
export function onWordsChanged(listener) {
  const onChanged = (changes, area) => {
    if (area === 'local' && Object.keys(changes).some((k) => k.startsWith(PREFIX))) listener();
  };
  api.storage.onChanged.addListener(onChanged);
  return () => api.storage.onChanged.removeListener(onChanged);
}
