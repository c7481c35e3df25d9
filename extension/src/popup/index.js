// The toolbar popup: typed search (Chinese, pinyin with or without tones, abbreviations, English),
// results drawn by the same card renderer as the hover card.

import { ask } from '../shared/messages.js';
import { renderHits } from '../card/render.js';
import { CARD_BODY_CSS } from '../card/style.js';
import { loadSettings, saveSettings } from '../shared/settings.js';
import { offerGrant } from '../shared/grant.js';
import { disableSite, enableSite, isBuiltInSite, isEnabled, sitePattern } from '../shared/sites.js';

const api = globalThis.browser ?? globalThis.chrome;
const msg = (key) => api.i18n.getMessage(key);

const query = document.getElementById('query');
const results = document.getElementById('results');
const dark = matchMedia('(prefers-color-scheme: dark)').matches;
const style = document.createElement('style');
// The card styles, without the shadow-host rule (the popup is the extension's own page).
style.textContent = CARD_BODY_CSS;
document.head.append(style);
query.placeholder = msg('searchPlaceholder');
document.getElementById('about').textContent = msg('about');
document.getElementById('words').textContent = msg('wordList');
document.getElementById('annotate-label').textContent = msg('annotateToggle');
document.getElementById('hover-label').textContent = msg('hoverToggle');
const annotate = document.getElementById('annotate');
const hover = document.getElementById('hover');
loadSettings().then((s) => {
  annotate.checked = s.annotate;
  hover.checked = s.trigger !== 'off';
});
annotate.addEventListener('change', () => saveSettings({ annotate: annotate.checked }));
// Turning hover back on keeps the trigger chosen in the options (hover, or hover with Alt).
hover.addEventListener('change', async () => {
  const { trigger } = await loadSettings();
  if (!hover.checked) await saveSettings({ trigger: 'off' });
  else if (trigger === 'off') await saveSettings({ trigger: 'hover' });
});

let latest = 0;

async function search() {
  const q = query.value.trim();
  const id = ++latest;
  if (!q) {
    results.replaceChildren();
    return;
  }
  let hits;
  try {
    hits = await ask({ type: 'search', query: q, limit: 20 });
  } catch (error) {
    if (id === latest) results.replaceChildren(status(`${msg('errorEngine')} ${error.message}`));
    return;
  }
  if (id !== latest) return;
  if (hits.length === 0) {
    results.replaceChildren(status(msg('searchEmpty')));
    return;
  }
  const settings = await loadSettings();
  results.replaceChildren(...renderHits(document, hits, { ...settings, dark }));
}

function status(text) {
  const p = document.createElement('p');
  p.className = 'status';
  p.textContent = text;
  return p;
}

let timer = 0;
query.addEventListener('input', () => {
  clearTimeout(timer);
  timer = setTimeout(search, 120);
});

// "Enable on this site" for the tab the popup was opened from (activeTab gives its address).
const siteButton = document.getElementById('site');

async function showSiteButton() {
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  const pattern = tab && sitePattern(tab.url ?? '');
  if (!pattern) return;
  if (isBuiltInSite(tab.url)) return;
  const enabled = await isEnabled(pattern);
  siteButton.textContent = msg(enabled ? 'disableOnSite' : 'enableOnSite');
  siteButton.hidden = false;
  siteButton.onclick = async () => {
    if (enabled) await disableSite(pattern);
    else await enableSite(pattern, tab.id);
    showSiteButton();
  };
}

showSiteButton().catch(() => {});

// "Read the pictures in view" on the pages RedLens runs on: the click that opened the popup granted
// activeTab, which lets the background capture the tab; the popup closes so that the page shows.
const picturesButton = document.getElementById('pictures');

async function showPicturesButton() {
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  const pattern = tab && sitePattern(tab.url ?? '');
  if (!pattern || !(isBuiltInSite(tab.url) || (await isEnabled(pattern)))) return;
  picturesButton.textContent = msg('readPicturesInView');
  picturesButton.hidden = false;
  picturesButton.onclick = async () => {
    await ask({ type: 'readPicture', tabId: tab.id });
    window.close();
  };
}

showPicturesButton().catch(() => {});

// Where the browser installed RedLens without Xiaohongshu's host permissions (Firefox for Android may),
// the popup leads with the request.
offerGrant(document.getElementById('grant')).catch(() => {});
