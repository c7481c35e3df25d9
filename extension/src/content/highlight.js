// Highlights the word under the pointer without touching the page's DOM: the CSS Custom Highlight API
// paints a range (styled by content.css). Where the API is missing nothing is painted; the card still
// shows.

const NAME = 'redlens-word';

export function highlight(range) {
  if (!globalThis.CSS?.highlights || typeof Highlight !== 'function') return;
  CSS.highlights.set(NAME, new Highlight(range));
}

export function clearHighlight() {
  globalThis.CSS?.highlights?.delete(NAME);
}
