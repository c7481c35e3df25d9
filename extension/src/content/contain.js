// Errors in the content script stay in the content script: every handler it gives the page (events,
// observers, timers) is wrapped so that a failure is handed to `onError`, never thrown into the page.

/** `fn` wrapped so that an error it throws, or a promise it returns that rejects, goes to `onError`. */
export function contain(fn, onError) {
  return (...args) => {
    try {
      const result = fn(...args);
      if (result instanceof Promise) result.catch(onError);
    } catch (error) {
      onError(error);
    }
  };
}
