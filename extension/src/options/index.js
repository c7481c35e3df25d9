// The options page: one control per setting, built from the settings schema; changes save at once.

import { SCHEMA, loadSettings, onSettingsChanged, saveSettings } from '../shared/settings.js';
import { disableSite, enableSite, enabledSites, sitePattern } from '../shared/sites.js';

const api = globalThis.browser ?? globalThis.chrome;
const msg = (key, fallback) => api.i18n.getMessage(key) || fallback;

document.getElementById('title').textContent = msg('optionsTitle', 'RedLens options');
const form = document.getElementById('form');
const saved = document.getElementById('saved');

/** Sets a control to `value` without firing its change event. */
function show(input, value) {
  if (input.type === 'checkbox') input.checked = value;
  else input.value = value;
}

/** Every control shows the stored setting: after a refused save, and after a change made elsewhere
 *  (the popup, another options tab). */
async function showStored() {
  const settings = await loadSettings();
  for (const key of Object.keys(SCHEMA)) {
    const input = document.getElementById(key);
    if (input) show(input, settings[key]);
  }
}

// Only the latest change reports: saves finish out of order, and "Saved." from an earlier one must not
// hide that the latest was refused.
let latestChange = 0;

async function save(key, value) {
  const change = ++latestChange;
  let problem = null;
  try {
    await saveSettings({ [key]: value });
  } catch (error) {
    problem = error;
  }
  if (change !== latestChange) return;
  saved.textContent = problem
    ? `${msg('saveFailed', 'Could not save:')} ${problem?.message ?? problem}`
    : msg('optionsSaved', 'Saved.');
  saved.classList.toggle('failed', Boolean(problem));
  saved.hidden = false;
  if (problem) await showStored();
}

function control(key, spec, value) {
  const row = document.createElement('label');
  row.className = 'row';
  const name = document.createElement('span');
  name.textContent = msg(`option_${key}`, key);
  row.append(name);
  let input;
  if (spec.choices) {
    input = document.createElement('select');
    for (const choice of spec.choices) {
      const option = document.createElement('option');
      option.value = choice;
      option.textContent = msg(`option_${key}_${choice}`, choice);
      input.append(option);
    }
  } else {
    input = document.createElement('input');
    input.type = 'checkbox';
  }
  input.id = key;
  show(input, value);
  input.addEventListener('change', () => save(key, spec.choices ? input.value : input.checked));
  row.append(input);
  return row;
}

loadSettings().then((settings) => {
  form.replaceChildren(...Object.entries(SCHEMA).map(([key, spec]) => control(key, spec, settings[key])));
});
onSettingsChanged(showStored);

// Other sites RedLens runs on: each was granted by the user; removing one withdraws the permission.
document.getElementById('sites-title').textContent = msg('optionsSites', 'Other sites');
document.getElementById('site-add').textContent = msg('enableOnSite', 'Enable on this site');
const list = document.getElementById('sites');

async function showSites() {
  const sites = await enabledSites();
  list.replaceChildren(
    ...sites.map((pattern) => {
      const item = document.createElement('li');
      const name = document.createElement('span');
      name.textContent = pattern.replace('/*', '');
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.textContent = msg('disableOnSite', 'Disable');
      remove.addEventListener('click', () => disableSite(pattern).finally(showSites));
      item.append(name, remove);
      return item;
    }),
  );
}

const siteError = document.getElementById('site-error');
document.getElementById('add-site').addEventListener('submit', (event) => {
  event.preventDefault();
  const pattern = sitePattern(document.getElementById('site-url').value.trim());
  // One site at a time: a wildcard (http://*) would ask for every site in one prompt.
  siteError.textContent = pattern ? '' : msg('oneSiteOnly', 'Enter the address of one site, without wildcards.');
  if (pattern) enableSite(pattern).finally(showSites);
});
showSites();
