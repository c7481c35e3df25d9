// Settings, kept in storage.local, read with safe defaults: a missing or corrupt stored value never
// breaks anything, it just means the default.

const api = globalThis.browser ?? globalThis.chrome;

/** Every setting and its default. */
export const DEFAULTS = Object.freeze({
  /** Underline slang, memes, abbreviations and idioms without waiting for a hover. */
  annotate: true,
});

function clean(stored) {
  const out = { ...DEFAULTS };
  for (const [key, value] of Object.entries(DEFAULTS)) {
    if (typeof stored?.[key] === typeof value) out[key] = stored[key];
  }
  return out;
}

/** The current settings. */
export async function loadSettings() {
  return clean(await api.storage.local.get(Object.keys(DEFAULTS)));
}

/** Saves some settings. */
export function saveSettings(partial) {
  return api.storage.local.set(clean({ ...DEFAULTS, ...partial }));
}

/** Calls `listener(settings)` whenever a setting changes. */
export function onSettingsChanged(listener) {
  api.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local' || !Object.keys(changes).some((k) => k in DEFAULTS)) return;
    loadSettings().then(listener);
  });
}
