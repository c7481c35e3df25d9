// How RedLens's highlights look. Their names are random for each page load (content/names.js), so the
// rules are made for those names and added to the page by the background as a user stylesheet, which
// the page's scripts cannot list or read (a <style> element or an adopted sheet would show them).

/** Whether `name` may be a highlight name here: lower-case letters and digits only, so nothing but a
 *  name can reach the stylesheet. */
export function isHighlightName(name) {
  return typeof name === 'string' && /^[a-z][a-z0-9]{5,31}$/.test(name);
}

/** The stylesheet for highlights named `marks` and `flash`. */
export function highlightCss({ marks, flash }) {
  return [
    // Annotation mode: a subtle underline under slang, memes, abbreviations and idioms.
    `::highlight(${marks}) { text-decoration: underline dotted rgba(214, 40, 40, 0.8); text-decoration-thickness: 2px; text-underline-offset: 3px; }`,
    // "Explain this post": the glossary line clicked, flashed where it first occurs.
    `::highlight(${flash}) { background-color: rgba(255, 196, 0, 0.55); }`,
  ].join('\n');
}
