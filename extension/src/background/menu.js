// The context menu, offered only on the pages RedLens runs on (Xiaohongshu and the sites the user
// enabled): "Explain with RedLens" for selected text opens the post panel of that tab on the selection;
// "Read the text in this picture" on an image reads the whole picture (background/pictures.js).

import { enabledSites } from '../shared/sites.js';
import { MENU as PICTURE_MENU, readPictureIn } from './pictures.js';

const api = globalThis.browser ?? globalThis.chrome;
const MENU = 'redlens-explain';

/** (Re)creates the menu item for the sites RedLens runs on now. */
export async function refreshMenu() {
  if (!api.contextMenus) return;
  const patterns = [...(api.runtime.getManifest().host_permissions ?? []), ...(await enabledSites())];
  await api.contextMenus.removeAll();
  api.contextMenus.create(
    { id: MENU, title: api.i18n.getMessage('explainSelection') || 'Explain with RedLens', contexts: ['selection'], documentUrlPatterns: patterns },
    () => void api.runtime.lastError, // created again at every start: an existing id is not an error
  );
  api.contextMenus.create(
    { id: PICTURE_MENU, title: api.i18n.getMessage('readPicture') || 'Read the text in this picture', contexts: ['image'], documentUrlPatterns: patterns },
    () => void api.runtime.lastError,
  );
}

/** Sends a click on the selection's item to the tab's top frame, where the panel lives; reads the
 *  picture of the image's item. */
export function listenToMenu() {
  api.contextMenus?.onClicked.addListener((info, tab) => {
    if (info.menuItemId === PICTURE_MENU && info.frameId === 0) {
      readPictureIn(tab, 'menu').catch((error) => console.error('RedLens: could not read the picture:', error));
      return;
    }
    if (info.menuItemId !== MENU || tab?.id === undefined || !info.selectionText) return;
    api.tabs.sendMessage(tab.id, { type: 'explainSelection', text: info.selectionText }, { frameId: 0 }).catch(() => {});
  });
}
