// Settings, kept in storage.sync where the browser has it (else storage.local), read with safe
// defaults: a missing or corrupt stored value never breaks anything, it just means the default.

const api = globalThis.browser ?? globalThis.chrome;
const area = () => api.storage.sync ?? api.storage.local;
const AREA_NAME = () => (api.storage.sync ? 'sync' : 'local');

/** Every setting, its default, and the values it may take (for choices). */
export const SCHEMA = Object.freeze({
  /** How a card opens: on hover, on hover with Alt held, or not at all (search still works). */
  trigger: { default: 'hover', choices: ['hover', 'alt', 'off'] },
  /** The key that steps from the word to longer units and to its parts while a card is open. */
  stepKey: { default: 'Shift', choices: ['Shift', 'Control', 'x'] },
  /** Tone colours of pinyin: a scheme, or none. */
  toneColors: { default: 'standard', choices: ['standard', 'pleco', 'none'] },
  /** How pinyin is written: tone marks, tone numbers, or zhuyin (bopomofo). */
  pinyinStyle: { default: 'marks', choices: ['marks', 'numbers', 'zhuyin'] },
  /** Show the traditional form beside the simplified one where they differ. */
  showTraditional: { default: true },
  /** Card text size. */
  textSize: { default: 'medium', choices: ['small', 'medium', 'large'] },
  /** Underline slang, memes, abbreviations and idioms without waiting for a hover. */
  annotate: { default: true },
  /** "I know up to HSK n": words at or below this HSK 3.0 level get no mark and no glossary line
   *  ('0': none; '7': levels 7–9). */
  knownHsk: { default: '0', choices: ['0', '1', '2', '3', '4', '5', '6', '7'] },
});

export const DEFAULTS = Object.freeze(Object.fromEntries(Object.entries(SCHEMA).map(([k, v]) => [k, v.default])));

function clean(stored) {
  const out = { ...DEFAULTS };
  for (const [key, spec] of Object.entries(SCHEMA)) {
    const value = stored?.[key];
    if (typeof value !== typeof spec.default) continue;
    if (spec.choices && !spec.choices.includes(value)) continue;
    out[key] = value;
  }
  return out;
}

/** The current settings. */
export async function loadSettings() {
  try {
    return clean(await area().get(Object.keys(DEFAULTS)));
  } catch {
    return { ...DEFAULTS };
  }
}

/** Saves some settings (invalid values are replaced by defaults). */
export async function saveSettings(partial) {
  const current = await loadSettings();
  return area().set(clean({ ...current, ...partial }));
}

/** Calls `listener(settings)` whenever a setting changes. */
export function onSettingsChanged(listener) {
  api.storage.onChanged.addListener((changes, name) => {
    if (name !== AREA_NAME() || !Object.keys(changes).some((k) => k in DEFAULTS)) return;
    loadSettings().then(listener);
  });
}
