// Errors in the content script stay in the content script: every handler it gives the page (events,
// observers, timers) is wrapped so that a failure is handed to `onError`, never thrown into the page.
// Wrapped handlers also notice when the extension behind them has gone (reloaded, updated or removed
// while the page stayed open): the first one to run afterwards stops the whole script, once.

const api = globalThis.browser ?? globalThis.chrome;
const onOrphaned = [];
let orphaned = false;

/** Whether this script still belongs to a running extension (an orphan's runtime has no id, or throws). */
function alive() {
  try {
    return Boolean(api?.runtime?.id);
  } catch {
    return false;
  }
}

/** Calls `callback` once, when a wrapped handler first runs after the extension has gone. */
export function whenOrphaned(callback) {
  onOrphaned.push(callback);
}

function orphan() {
  if (orphaned) return;
  orphaned = true;
  for (const callback of onOrphaned) {
    try {
      callback();
    } catch {
      // Stopping is best effort: what could not be undone stays inert.
    }
  }
}

/**
 * `handler` for events that only the user may cause: events the page made up (`dispatchEvent`, `click()`)
 * are ignored, so that a page's script can never open a card, save a word, read aloud, copy or open
 * the panel in the user's name.
 */
export function trusted(handler) {
  return (event, ...rest) => (event?.isTrusted ? handler(event, ...rest) : undefined);
}

/** `fn` wrapped so that an error it throws, or a promise it returns that rejects, goes to `onError`. */
export function contain(fn, onError) {
  return (...args) => {
    if (!alive()) return orphan();
    try {
      const result = fn(...args);
      if (result instanceof Promise) result.catch(onError);
    } catch (error) {
      onError(error);
    }
  };
}
