// The messages the background accepts, checked for shape and size before anything else happens.

import { isHighlightName } from './highlights.js';
import { LIMITS } from './wordlist.js';

/** Longest text a hover may send (the content script sends a capped window of its paragraph). */
export const MAX_TEXT = 4096;
/** Longest search query. */
export const MAX_QUERY = 200;
/** Most texts in one annotation batch. */
export const MAX_BATCH = 50;
/** Largest word list item a content script may send, as JSON. */
const MAX_ITEM = 16384;

const isCount = (n, max) => Number.isInteger(n) && n >= 0 && n <= max;
const isText = (s, max) => typeof s === 'string' && s.length <= max;
/** A word and its reading, as the word list keys them. */
const isWord = (r) => isText(r.word, LIMITS.word) && isText(r.pinyin, LIMITS.pinyin);

/** Whether `request` is one of the known messages with sane fields. */
export function isValidRequest(request) {
  if (request === null || typeof request !== 'object') return false;
  switch (request.type) {
    case 'lookupAt':
      // The offset is of a character of the text: never its end.
      return isText(request.text, MAX_TEXT) && isCount(request.offset, request.text.length - 1);
    case 'paragraph':
      return isText(request.text, MAX_TEXT);
    case 'annotate':
    case 'explain':
    case 'plain':
      return Array.isArray(request.texts) && request.texts.length <= MAX_BATCH && request.texts.every((t) => isText(t, MAX_TEXT));
    case 'search':
      return isText(request.query, MAX_QUERY) && isCount(request.limit, 100);
    case 'entry':
      return isCount(request.id, 0xfffffffe);
    case 'status':
      return true;
    case 'readPicture':
      // tabId: the tab an extension page asks for (a content script asks for its own tab). mode: 'view'
      // (the default), or 'pointer', what the shortcut reads (the benchmark's).
      return (request.tabId === undefined || (Number.isInteger(request.tabId) && request.tabId >= 0)) && [undefined, 'view', 'pointer'].includes(request.mode);
    case 'styleHighlights':
      return isHighlightName(request.marks) && isHighlightName(request.flash);
    case 'isSaved':
    case 'deleteWord':
      return isWord(request);
    case 'saveWord':
      // The background cleans the item (cleanItem); here only its size is checked.
      return request.item !== null && typeof request.item === 'object' && JSON.stringify(request.item).length <= MAX_ITEM;
    default:
      return false;
  }
}

/** Sends a request to the background; resolves with its result, rejects with its error. */
export async function ask(request) {
  const api = globalThis.browser ?? globalThis.chrome;
  const reply = await api.runtime.sendMessage(request);
  if (!reply) throw new Error('RedLens: no answer from the background');
  if (!reply.ok) throw new Error(reply.error);
  return reply.result;
}
