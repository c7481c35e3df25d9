// Building DOM from data: every string is set as text, never parsed as HTML.

/** A new `tag` element of `doc`, with a class and a text where given. */
export function element(doc, tag, className, text) {
  const node = doc.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}
