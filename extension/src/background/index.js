// The background: owns the engine (wasm + dictionary) and answers the content scripts and the popup.
// Chrome runs it as a service worker that may be stopped at any time; Firefox as a background script.
// Starting reads the dictionary (from a copy kept in IndexedDB: background/dictionary-file.js) and checks
// it, so a restart loses nothing and the next request simply waits for it.

import { engine, readers } from './engine.js';
import { isValidRequest } from '../shared/messages.js';
import { syncSites } from '../shared/sites.js';
import { listenToMenu, refreshMenu } from './menu.js';
import { listenToCommand, readPictureIn } from './pictures.js';
import { highlightCss } from '../shared/highlights.js';
import { builtInGranted, isBuiltInSite } from '../shared/sites.js';
import { cleanItem, deleteWord, isSaved, saveWord } from '../shared/wordlist.js';

const api = globalThis.browser ?? globalThis.chrome;

/** Answers the requests that need no engine: the word list and the page's highlight styles. */
async function answerPage(request, sender) {
  switch (request.type) {
    case 'isSaved':
      return isSaved(request.word, request.pinyin);
    case 'deleteWord':
      await deleteWord(request.word, request.pinyin);
      return true;
    case 'saveWord': {
      // The page is the one the request came from, whatever the item says; its title is kept only on
      // Xiaohongshu's own pages (another site's title may say what the user would not share).
      const page = sender.url ?? '';
      const item = cleanItem({ ...request.item, url: page, title: isBuiltInSite(page) ? request.item.title : '' });
      if (!item) throw new Error('nothing to save');
      return saveWord(item);
    }
    case 'readPicture': {
      // The popup's "Read the pictures in view", for the tab it was opened on (its click granted
      // activeTab there); or the post panel's, for its own tab's top frame, where the capture works
      // once a gesture on the tab granted activeTab.
      const own = sender.url?.startsWith(api.runtime.getURL(''));
      if (!own && (sender.tab === undefined || sender.frameId !== 0 || request.tabId !== undefined || request.mode)) return false;
      const tab = own ? await api.tabs.get(request.tabId) : sender.tab;
      readPictureIn(tab, request.mode ?? 'view').catch((error) => console.error('RedLens: could not read the pictures:', error));
      return true;
    }
    case 'styleHighlights':
      if (sender.tab?.id === undefined) return false;
      await api.scripting.insertCSS({
        target: { tabId: sender.tab.id, frameIds: [sender.frameId ?? 0] },
        css: highlightCss(request),
      });
      return true;
  }
  return undefined;
}

async function answer(request, sender) {
  const own = await answerPage(request, sender);
  if (own !== undefined) return own;
  const e = await engine();
  switch (request.type) {
    case 'lookupAt':
      return readers(e).hover(request.text, request.offset);
    case 'paragraph':
      // The content script asks for the word under the pointer and for its paragraph at once. After a
      // start both wait for the engine, and the paragraph's lookups (one per character) would run
      // before the word's answer is sent: a task later, the card's answer goes first.
      await new Promise((resolve) => setTimeout(resolve, 0));
      return readers(e).paragraph(request.text);
    case 'annotate':
      return request.texts.map(readers(e).marks);
    case 'explain':
      return request.texts.map(readers(e).explain);
    case 'plain':
      return request.texts.map((t) => e.plainText(t));
    case 'search':
      return e.search(request.query, request.limit);
    case 'entry':
      return e.entry(request.id);
    case 'status':
      return { segmenterReady: e.segmenterReady() };
  }
  return null;
}

api.runtime.onMessage.addListener((request, sender, sendResponse) => {
  // Only the extension's own pages and content scripts may ask; anything else is ignored.
  if (sender.id !== api.runtime.id || !isValidRequest(request)) return false;
  answer(request, sender).then(
    (result) => sendResponse({ ok: true, result }),
    (error) => sendResponse({ ok: false, error: String(error?.message ?? error) }),
  );
  return true;
});

// Keep the content scripts of the sites the user enabled in step with the permissions they granted.
syncSites().catch((error) => console.error('RedLens: could not sync enabled sites:', error));
api.permissions.onRemoved?.addListener(() => syncSites().catch(() => {}));
// The context menu follows the same sites.
listenToMenu();
// The shortcut that reads the picture under the pointer.
listenToCommand();
refreshMenu().catch((error) => console.error('RedLens: could not create the context menu:', error));
api.permissions.onAdded?.addListener(() => refreshMenu().catch(() => {}));
api.permissions.onRemoved?.addListener(() => refreshMenu().catch(() => {}));

// Where the browser allows it (Chrome), only the extension's own pages and the background may read
// storage.local, which holds the word list: content scripts, which run in the page's process, ask the
// background for what they need.
api.storage.local.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' })?.catch?.(() => {});

// Installed without Xiaohongshu's host permissions (Firefox for Android may do so): the first-run page
// asks for them. Where the browser granted them at install, nothing opens.
api.runtime.onInstalled?.addListener(({ reason }) => {
  if (reason !== 'install') return;
  builtInGranted()
    .then((granted) => granted || api.tabs.create({ url: api.runtime.getURL('welcome/welcome.html') }))
    .catch((error) => console.error('RedLens: could not check the host permissions:', error));
});

// Warm the engine as soon as the background starts.
engine().catch((error) => console.error('RedLens: the engine did not start:', error));
