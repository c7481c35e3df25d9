// The messages the background accepts, checked for shape and size before anything else happens.

/** Longest text a hover may send (the content script sends a capped window of its paragraph). */
export const MAX_TEXT = 4096;
/** Longest search query. */
export const MAX_QUERY = 200;
/** Most texts in one annotation batch. */
export const MAX_BATCH = 50;

const isCount = (n, max) => Number.isInteger(n) && n >= 0 && n <= max;
const isText = (s, max) => typeof s === 'string' && s.length <= max;

/** Whether `request` is one of the known messages with sane fields. */
export function isValidRequest(request) {
  if (request === null || typeof request !== 'object') return false;
  switch (request.type) {
    case 'lookupAt':
      // The offset is of a character of the text: never its end.
      return isText(request.text, MAX_TEXT) && isCount(request.offset, request.text.length - 1);
    case 'annotate':
    case 'explain':
      return Array.isArray(request.texts) && request.texts.length <= MAX_BATCH && request.texts.every((t) => isText(t, MAX_TEXT));
    case 'search':
      return isText(request.query, MAX_QUERY) && isCount(request.limit, 100);
    case 'entry':
      return isCount(request.id, 0xfffffffe);
    case 'status':
      return true;
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
