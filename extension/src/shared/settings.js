// Settings, kept in storage.sync where the browser has it (else storage.local), read with safe
// defaults: a missing or corrupt stored value never breaks anything, it just means the default.

const api = globalThis.browser ?? globalThis.chrome;
const area = () => api.storage.sync ?? api.storage.local;
const AREA_NAME = () => (api.storage.sync ? 'sync' : 'local');

/** Every setting, its default, and the values it may take (for choices). */
export const SCHEMA = Object.freeze({
  /** How a card opens: on hover, on hover with Alt held, or not at all (search still works). */
  trigger: { default: 'hover', choices: ['hover', 'alt', 'off'] },
  /** The puck, a handle a finger drags to explain the text just above it: on touch screens, always, or never. */
  puck: { default: 'touch', choices: ['touch', 'on', 'off'] },
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
  /** Translate sentences with the browser's on-device translator, where it has one (the panel's
   *  Translate view and T on a card); without it, those show the plain-Mandarin rewrite and a literal gloss. */
  translate: { default: true },
  /** The language translations are in: the interface's (English, or French for a French interface), or one. */
  translateTo: { default: 'auto', choices: ['auto', 'en', 'fr'] },
});

export const DEFAULTS = Object.freeze(Object.fromEntries(Object.entries(SCHEMA).map(([k, v]) => [k, v.default])));

/** The stored value of `key` if it is valid for the setting, else its default. */
function valid(key, value) {
  const spec = SCHEMA[key];
  if (typeof value !== typeof spec.default) return spec.default;
  if (spec.choices && !spec.choices.includes(value)) return spec.default;
  return value;
}

function clean(stored) {
  return Object.fromEntries(Object.keys(SCHEMA).map((key) => [key, valid(key, stored?.[key])]));
}

/** The current settings. */
export async function loadSettings() {
  try {
    return clean(await area().get(Object.keys(DEFAULTS)));
  } catch {
    return { ...DEFAULTS };
  }
}

/** Saves some settings (an invalid value is saved as the default; unknown keys are dropped).
 *  Writes only the keys given: two changes made at once, from one page or two, both stay. */
export async function saveSettings(partial) {
  const writes = {};
  for (const [key, value] of Object.entries(partial)) if (key in SCHEMA) writes[key] = valid(key, value);
  return area().set(writes);
}

/** Calls `listener(settings)` whenever a setting changes. */
export function onSettingsChanged(listener) {
  api.storage.onChanged.addListener((changes, name) => {
    if (name !== AREA_NAME() || !Object.keys(changes).some((k) => k in DEFAULTS)) return;
    loadSettings().then(listener);
  });
}
