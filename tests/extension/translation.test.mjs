// The translator's owner (extension/src/shared/translation.js) against a stand-in of the browser's
// Translator API in every state it can be in: its model cannot run here, but everything RedLens does
// around it can. The real API's behaviour in Chromium is checked by the browser tests.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { REASONS, Translation, sourceLanguage, targetLanguage } from '../../extension/src/shared/translation.js';

/** A stand-in Translator interface. `state` is what availability() says; `download` the progress events
 *  create() fires ('never': none, and it never resolves); `gesture` whether create() of a pack still to
 *  download refuses (as without a user gesture); `fail(text)` makes one translation throw. */
function standIn({ state = 'available', download = [], gesture = true, fail = () => false, hang = () => false, stream = true } = {}) {
  const log = { created: 0, aborted: 0, translated: [] };
  const translator = {
    async translate(text) {
      if (fail(text)) throw new Error(`cannot translate ${text}`);
      if (hang(text)) return new Promise(() => {});
      log.translated.push(text);
      return `EN(${text})`;
    },
    async *translateStreaming(text) {
      if (fail(text)) throw new Error(`cannot translate ${text}`);
      log.translated.push(text);
      for (const piece of ['EN(', text, ')']) yield piece;
    },
  };
  if (!stream) delete translator.translateStreaming;
  const Translator = {
    log,
    async availability({ sourceLanguage, targetLanguage }) {
      assert.ok(sourceLanguage && targetLanguage);
      return state;
    },
    create({ monitor, signal }) {
      log.created += 1;
      if ((state === 'downloadable' || state === 'downloading') && !gesture) {
        return Promise.reject(new DOMException('Requires a user gesture', 'NotAllowedError'));
      }
      return new Promise((resolve, reject) => {
        signal?.addEventListener('abort', () => {
          log.aborted += 1;
          reject(new DOMException('aborted', 'AbortError'));
        });
        const target = new EventTarget();
        monitor?.(target);
        if (download === 'never') return;
        let at = 0;
        const next = () => {
          if (signal?.aborted) return;
          if (at < download.length) {
            const e = new Event('downloadprogress');
            e.loaded = download[at++];
            e.total = 1;
            target.dispatchEvent(e);
            setTimeout(next, 5);
          } else {
            resolve(translator);
          }
        };
        setTimeout(next, 5);
      });
    },
  };
  return Translator;
}

const make = (T, options = {}) => new Translation({ api: () => T, stallMs: 80, callMs: 120, ...options });

test('available: translates at once, streamed as it comes, with no download and no click', async () => {
  const T = standIn({ state: 'available' });
  const tr = make(T);
  assert.equal(await tr.availability('zh', 'en'), 'available');
  const seen = [];
  assert.equal(await tr.translate('这家店很好吃', 'zh', 'en', { onText: (s) => seen.push(s) }), 'EN(这家店很好吃)');
  assert.deepEqual(seen, ['EN(', 'EN(这家店很好吃', 'EN(这家店很好吃)']);
  assert.equal(await tr.availability('zh', 'en'), 'ready');
  assert.equal(T.log.created, 1, 'one translator for the pair, kept');
  await tr.translate('再来一句', 'zh', 'en');
  assert.equal(T.log.created, 1);
  // A translator without streaming gives the whole text at once.
  const whole = make(standIn({ stream: false }));
  assert.equal(await whole.translate('好', 'zh', 'en'), 'EN(好)');
});

test('downloadable: the reader\'s click starts the download, its progress is reported, then it translates', async () => {
  const T = standIn({ state: 'downloadable', download: [0.1, 0.5, 0.9, 1] });
  const tr = make(T);
  assert.equal(await tr.availability('zh', 'en'), 'downloadable');
  const progress = [];
  await tr.enable('zh', 'en', { onProgress: (p) => progress.push(p) });
  assert.deepEqual(progress, [0.1, 0.5, 0.9, 1, 1]);
  assert.equal(await tr.availability('zh', 'en'), 'ready');
  assert.equal(await tr.translate('好看', 'zh', 'en'), 'EN(好看)');
});

test('unavailable and unsupported: a plain reason, nothing created', async () => {
  const T = standIn({ state: 'unavailable' });
  const tr = make(T);
  assert.equal(await tr.availability('zh', 'en'), 'unavailable');
  await assert.rejects(tr.enable('zh', 'en'), (e) => e.reason === REASONS.unavailable);
  await assert.rejects(tr.translate('好', 'zh', 'en'), (e) => e.reason === REASONS.unavailable);
  assert.equal(T.log.created, 0);
  const none = new Translation({ api: () => undefined });
  assert.equal(await none.availability('zh', 'en'), 'unsupported');
  await assert.rejects(none.enable('zh', 'en'), (e) => e.reason === REASONS.unsupported);
  // An API that throws, or answers nonsense, is as good as none for this pair.
  const odd = make({ availability: async () => 'maybe', create: () => Promise.reject(new Error('x')) });
  assert.equal(await odd.availability('zh', 'en'), 'unavailable');
  const broken = make({ availability: async () => { throw new Error('boom'); }, create: () => null });
  assert.equal(await broken.availability('zh', 'en'), 'unavailable');
});

test('without a user gesture the download is refused: NotAllowedError becomes a reason', async () => {
  const tr = make(standIn({ state: 'downloadable', gesture: false }));
  await assert.rejects(tr.enable('zh', 'en'), (e) => e.reason === REASONS.notAllowed);
  assert.equal(await tr.availability('zh', 'en'), 'downloadable', 'nothing is kept');
});

test('a download that never progresses is given up after the stall time, and the API call aborted', async () => {
  const T = standIn({ state: 'downloading', download: 'never' });
  const tr = make(T);
  const started = Date.now();
  await assert.rejects(tr.enable('zh', 'en'), (e) => e.reason === REASONS.stalled);
  assert.ok(Date.now() - started < 2000);
  assert.equal(T.log.aborted, 1, 'the create() call was aborted');
});

test('progress keeps a slow download alive; the reader can cancel it', async () => {
  // Events every 5 ms with a stall time of 80 ms: never stalls, however long it takes.
  const slow = make(standIn({ state: 'downloadable', download: Array.from({ length: 40 }, (_, i) => (i + 1) / 40) }));
  await slow.enable('zh', 'en');
  assert.equal(await slow.availability('zh', 'en'), 'ready');
  const T = standIn({ state: 'downloadable', download: 'never' });
  const tr = make(T, { stallMs: 10000 });
  const stop = new AbortController();
  const pending = tr.enable('zh', 'en', { signal: stop.signal });
  setTimeout(() => stop.abort(), 10);
  await assert.rejects(pending, (e) => e.reason === REASONS.aborted);
  assert.equal(T.log.aborted, 1);
});

test('a translation error in the middle of a thread fails that sentence only; a hang is given up', async () => {
  const T = standIn({ state: 'available', fail: (t) => t === '第二句', hang: (t) => t === '第四句', stream: false });
  const tr = make(T);
  const results = [];
  for (const s of ['第一句', '第二句', '第三句', '第四句', '第五句']) {
    results.push(await tr.translate(s, 'zh', 'en').then((x) => x, (e) => `× ${e.reason}`));
  }
  assert.deepEqual(results, ['EN(第一句)', `× ${REASONS.failed}`, 'EN(第三句)', `× ${REASONS.failed}`, 'EN(第五句)']);
});

test('the source language follows the script; the target follows the options, then the interface', () => {
  assert.equal(sourceLanguage('这家店的奶茶真的很好喝'), 'zh');
  assert.equal(sourceLanguage('這家店的奶茶真的很好喝，們都說'), 'zh-Hant');
  assert.equal(sourceLanguage('這個'), 'zh-Hant');
  assert.equal(sourceLanguage('yyds'), 'zh');
  assert.equal(targetLanguage('auto', 'fr-FR'), 'fr');
  assert.equal(targetLanguage('auto', 'en-GB'), 'en');
  assert.equal(targetLanguage('auto', 'de'), 'en');
  assert.equal(targetLanguage('en', 'fr'), 'en');
  assert.equal(targetLanguage('fr', 'en-US'), 'fr');
});
