// The context menu's "Explain with RedLens" for selected text, offered only on the pages RedLens runs on
// (Xiaohongshu and the sites the user enabled): it opens the post panel of that tab on the selection.

import { enabledSites } from '../shared/sites.js';

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
}

/** Sends a click on the item to the tab's top frame, where the panel lives. */
export function listenToMenu() {
  api.contextMenus?.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== MENU || tab?.id === undefined || !info.selectionText) return;
    api.tabs.sendMessage(tab.id, { type: 'explainSelection', text: info.selectionText }, { frameId: 0 }).catch(() => {});
  });
}
