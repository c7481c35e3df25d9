// The dictionary's bytes, read fast at each start of the background. Fetching the packaged file costs
// about 7 ms per megabyte (some 140 ms for the whole file, most of a cold start); reading a copy kept
// in IndexedDB costs about 1 ms per megabyte. The copy stands for the packaged file while their headers
// agree (the header holds the length and the checksum of every byte), so an updated extension replaces
// it at its first start. Where IndexedDB is missing (a private window's background, in some browsers)
// the packaged file is read every time.

const DB = 'redlens';
const STORE = 'files';
const KEY = 'dictionary';
/** Bytes of the file's header: magic, version, section count, length, checksum. */
const HEADER = 32;

function database() {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(DB, 1);
    open.onupgradeneeded = () => open.result.createObjectStore(STORE);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
}

function request(db, mode, act) {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const r = act(tx.objectStore(STORE));
    tx.oncomplete = () => resolve(r.result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

/** The kept copy, `{ header, file }` (a Blob), or undefined. */
async function readCopy() {
  const db = await database();
  try {
    return await request(db, 'readonly', (store) => store.get(KEY));
  } finally {
    db.close();
  }
}

async function writeCopy(header, bytes) {
  const db = await database();
  try {
    await request(db, 'readwrite', (store) => store.put({ header, file: new Blob([bytes]) }, KEY));
  } finally {
    db.close();
  }
}

/** Forgets the kept copy (it did not open: the next start reads the packaged file). */
export async function forgetCopy() {
  const db = await database();
  try {
    await request(db, 'readwrite', (store) => store.delete(KEY));
  } finally {
    db.close();
  }
}

function join(chunks, length) {
  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

const sameBytes = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Each chunk of a Blob, in order. */
async function* blobChunks(blob) {
  const reader = blob.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}

/**
 * The packaged file at `url`, from the kept copy where it is this file's, else fetched (and kept for
 * the next start): `{ size, chunks, copy }`, where `chunks()` yields its bytes in order, to be put
 * where they are needed with one copy, and `copy` says they come from the kept copy.
 */
export async function dictionaryFile(url, { useCopy = true } = {}) {
  const copy = useCopy ? readCopy().catch(() => undefined) : Promise.resolve(undefined);
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new Error(`RedLens: could not read the dictionary (${response.status})`);
  const reader = response.body.getReader();
  const chunks = [];
  let length = 0;
  while (length < HEADER) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    length += value.length;
  }
  const header = join(chunks, length).slice(0, HEADER);
  const kept = await copy;
  if (kept?.file instanceof Blob && kept.header instanceof Uint8Array && sameBytes(kept.header, header)) {
    reader.cancel().catch(() => {});
    return { size: kept.file.size, chunks: () => blobChunks(kept.file), copy: true };
  }
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    length += value.length;
  }
  if (useCopy) writeCopy(header, join(chunks, length)).catch(() => {});
  return { size: length, chunks: async function* () { yield* chunks; }, copy: false };
}
