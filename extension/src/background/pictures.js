// Reading the text in a picture of a page, on the user's gesture: the "read-picture" shortcut (Alt+Shift+R),
// the image context menu's "Read the text in this picture", or the toolbar popup's "Read the pictures in
// view". Each gesture grants activeTab for the tab, which is what lets the background capture its
// visible area (tabs.captureVisibleTab): no host permission for the pictures' servers, and no request for
// a picture, ever. The content script says which part of the viewport to read (around the pointer, the
// whole picture right-clicked, or the biggest picture in view), the picture reader reads that part of the
// capture, and the content script shows the card, or the lines read.

import { readCapture, startReader } from './picture-reader.js';

const api = globalThis.browser ?? globalThis.chrome;
export const COMMAND = 'read-picture';
export const MENU = 'redlens-read-picture';

/** Reads a picture in `tab`'s top frame and sends the lines to it: `mode` 'pointer', the part of the
 *  picture around the pointer; 'menu', the whole picture last right-clicked; 'view', the biggest
 *  picture in view. Errors go to the page's card, never to the console of the page. */
export async function readPictureIn(tab, mode = 'pointer') {
  if (tab?.id === undefined) return;
  const send = (message) => api.tabs.sendMessage(tab.id, message, { frameId: 0 });
  // The content script hides its card and outlines first, and answers once the page is painted
  // without them, so that the capture shows the picture only.
  const where = await send({ type: 'pictureArea', mode }).catch(() => null);
  if (!where?.area) return;
  startReader();
  let capture;
  try {
    capture = await api.tabs.captureVisibleTab(tab.windowId, { format: 'png' });
  } catch (error) {
    await send({ type: 'pictureText', id: where.id, error: String(error?.message ?? error) }).catch(() => {});
    return;
  }
  await send({ type: 'pictureReading', id: where.id }).catch(() => {});
  try {
    const lines = await readCapture(capture, where.area, where.viewportWidth);
    await send({ type: 'pictureText', id: where.id, lines });
  } catch (error) {
    await send({ type: 'pictureText', id: where.id, error: String(error?.message ?? error) }).catch(() => {});
  }
}

/** Listens to the shortcut. */
export function listenToCommand() {
  api.commands?.onCommand.addListener((command, tab) => {
    if (command !== COMMAND) return;
    // Firefox passes the tab; Chrome too since 86, but look it up where it is missing.
    const active = tab ? Promise.resolve(tab) : api.tabs.query({ active: true, currentWindow: true }).then(([t]) => t);
    active.then((t) => readPictureIn(t)).catch((error) => console.error('RedLens: could not read the picture:', error));
  });
}
