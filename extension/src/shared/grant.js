// The request for Xiaohongshu's host permissions, where the browser installed RedLens without them
// (Firefox for Android may; a user may also take them back). Shown by the popup and the first-run page:
// a line on why, and a button whose click is the gesture the browser's request needs.

import { builtInGranted, grantBuiltIn } from './sites.js';

const api = globalThis.browser ?? globalThis.chrome;
const msg = (key) => api.i18n.getMessage(key);

/**
 * Fills `box` with the request when the permissions are missing, and hides it when they are granted.
 * `onChange(granted)` hears of each outcome. Resolves with whether they are granted now.
 */
export async function offerGrant(box, onChange = () => {}) {
  if (await builtInGranted()) {
    box.hidden = true;
    onChange(true);
    return true;
  }
  const title = document.createElement('strong');
  title.textContent = msg('grantTitle');
  const why = document.createElement('p');
  why.textContent = msg('grantWhy');
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'grant-button';
  button.textContent = msg('grantButton');
  const outcome = document.createElement('p');
  outcome.className = 'grant-outcome';
  outcome.setAttribute('role', 'status');
  button.addEventListener('click', async () => {
    let granted = false;
    try {
      granted = await grantBuiltIn();
    } catch (error) {
      outcome.textContent = String(error?.message ?? error);
      return;
    }
    outcome.textContent = msg(granted ? 'grantDone' : 'grantRefused');
    button.hidden = granted;
    box.classList.toggle('granted', granted);
    onChange(granted);
  });
  box.replaceChildren(title, why, button, outcome);
  box.hidden = false;
  onChange(false);
  return false;
}
