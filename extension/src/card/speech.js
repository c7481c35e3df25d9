// Reading Chinese aloud with the browser's own speech synthesis, in a Chinese voice where the system has
// one. Nothing is downloaded: where there is no Chinese voice, the caller says so instead.

/** How long to wait for the browser to list its voices (they load after the first ask). */
const VOICES_WAIT_MS = 1000;

function voicesOf(synth) {
  const now = synth.getVoices();
  if (now.length) return Promise.resolve(now);
  return new Promise((resolve) => {
    const done = () => {
      synth.removeEventListener?.('voiceschanged', done);
      resolve(synth.getVoices());
    };
    synth.addEventListener?.('voiceschanged', done);
    setTimeout(done, VOICES_WAIT_MS);
  });
}

/** The system's Chinese voice (Mandarin of the mainland first), or null. */
export async function chineseVoice(synth = globalThis.speechSynthesis) {
  if (!synth) return null;
  const chinese = (await voicesOf(synth)).filter((v) => /^(zh|cmn)([-_]|$)/i.test(v.lang));
  const rank = (v) => (/^(zh|cmn)[-_](CN|Hans)/i.test(v.lang) ? 0 : /^(zh|cmn)$/i.test(v.lang) ? 1 : 2);
  return chinese.sort((a, b) => rank(a) - rank(b))[0] ?? null;
}

/**
 * Reads `text` aloud. Resolves to 'speaking', or to why it cannot: 'no-voice' (no Chinese voice is
 * installed) or 'unsupported' (the browser has no speech synthesis here).
 */
export async function speak(text) {
  const synth = globalThis.speechSynthesis;
  if (!synth || typeof globalThis.SpeechSynthesisUtterance !== 'function') return 'unsupported';
  const voice = await chineseVoice(synth);
  if (!voice) return 'no-voice';
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.voice = voice;
  utterance.lang = voice.lang;
  utterance.rate = 0.9;
  synth.cancel();
  synth.speak(utterance);
  return 'speaking';
}

/** The message key and English fallback that tell the reader why `speak` could not read, by outcome
 *  (nothing for 'speaking'). */
export const SPEECH_PROBLEMS = Object.freeze({
  'no-voice': ['noChineseVoice', 'No Chinese voice is installed on this system.'],
  unsupported: ['speechUnsupported', 'This browser cannot read aloud here.'],
});
