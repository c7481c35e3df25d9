// Sites beyond Xiaohongshu: the user enables RedLens on one from the toolbar popup, which asks the
// browser for that site's optional host permission; the content script is then registered for it
// (and injected into the open tab). Nothing runs on a site the user has not enabled.

const api = globalThis.browser ?? globalThis.chrome;
const PREFIX = 'site:';

/** A host name of one site: letters, digits, hyphens and dots, or an IPv6 address in brackets, with
 *  an optional port. Never a wildcard: `http://*` would ask for every site at once. */
const ONE_HOST = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/;

/** The match pattern of a page's site (`https://example.com/*`), or null for pages that can't host it
 *  and for anything but one site (a wildcard host). */
export function sitePattern(url) {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return ONE_HOST.test(u.host) ? `${u.protocol}//${u.host}/*` : null;
  } catch {
    return null;
  }
}

/** The sites the manifest always covers. */
function builtIn() {
  return api.runtime.getManifest().host_permissions ?? [];
}

/** Whether `url` is on a site the manifest always covers (Xiaohongshu's), not one the user enabled. */
export function isBuiltInSite(url) {
  const pattern = sitePattern(url);
  return pattern !== null && builtIn().some((p) => p.replace('*://', new URL(url).protocol + '//') === pattern);
}

/** Whether RedLens runs on `pattern`'s site: built in, or enabled and granted. */
export async function isEnabled(pattern) {
  const host = new URL(pattern.replace('/*', '/')).host;
  if (builtIn().some((p) => new URL(p.replace('*://', 'https://').replace('/*', '/')).host === host)) return true;
  return api.permissions.contains({ origins: [pattern] });
}

function script(pattern) {
  return {
    id: PREFIX + pattern,
    matches: [pattern],
    // From the extension's root: Firefox resolves bare paths against the calling page.
    js: ['/content.js'],
    allFrames: true,
    runAt: 'document_idle',
    persistAcrossSessions: true,
  };
}

/** Registers the content script on every granted optional site, and unregisters it where the
 *  permission is gone. Idempotent, and safe to run from two pages at once (the background runs it at
 *  start and when a permission is removed; the popup and options page after a change): a script that
 *  another run registered or removed in between is not an error. */
export async function syncSites() {
  const granted = new Set(await enabledSites());
  const registered = (await api.scripting.getRegisteredContentScripts()).filter((s) => s.id.startsWith(PREFIX));
  for (const s of registered.filter((s) => !granted.has(s.id.slice(PREFIX.length)))) {
    await api.scripting.unregisterContentScripts({ ids: [s.id] }).catch(() => {});
  }
  const have = new Set(registered.map((s) => s.id));
  for (const pattern of [...granted].filter((p) => !have.has(PREFIX + p))) {
    await api.scripting.registerContentScripts([script(pattern)]).catch(() => {});
  }
  // A script registered by an earlier version (with a stylesheet this version no longer has) is
  // registered again as this version defines it.
  for (const s of registered.filter((s) => granted.has(s.id.slice(PREFIX.length)) && s.css?.length)) {
    await api.scripting.unregisterContentScripts({ ids: [s.id] }).catch(() => {});
    await api.scripting.registerContentScripts([script(s.id.slice(PREFIX.length))]).catch(() => {});
  }
}

/** The sites the user enabled (granted optional host permissions), as match patterns. */
export async function enabledSites() {
  return ((await api.permissions.getAll()).origins ?? []).filter((o) => !builtIn().includes(o)).sort();
}

/** Enables RedLens on a site (call from a user gesture: the browser asks the user) and, given a tab,
 *  starts it there at once. Resolves with whether the user agreed. */
export async function enableSite(pattern, tabId) {
  const granted = await api.permissions.request({ origins: [pattern] });
  if (!granted) return false;
  await syncSites();
  if (tabId !== undefined) {
    await api.scripting.executeScript({ target: { tabId, allFrames: true }, files: ['/content.js'] });
  }
  return true;
}

/** Disables RedLens on a site it was enabled on. */
export async function disableSite(pattern) {
  await api.permissions.remove({ origins: [pattern] });
  await syncSites();
}

/** Whether the browser has granted the manifest's own sites (Xiaohongshu's). Chrome grants them at
 *  install; Firefox for Android may install RedLens without them, and a user may take them back. */
export async function builtInGranted() {
  return api.permissions.contains({ origins: builtIn() });
}

/** Asks for the manifest's own sites (call from a user gesture). Resolves with whether they are granted;
 *  the content script then runs on Xiaohongshu's pages opened or reloaded from now on. */
export async function grantBuiltIn() {
  return api.permissions.request({ origins: builtIn() });
}
