// The one owner of the browser's on-device translator (the WICG Translator API, in Chrome 138 and later
// on the desktop). Views ask it for translations and never touch the API: it knows the translator's
// states, starts the language pack's download from the reader's own click, gives up on a download that
// stalls or a translation that hangs, and says plainly when no translator can be had, so that the view
// shows its fallback. The browser downloads the pack itself, once; RedLens makes no request.

/** A download that shows no progress for this long is given up. */
export const STALL_MS = 20000;
/** A translation that takes longer than this is given up. */
export const CALL_MS = 20000;

/** Why a translator could not be had (`error.reason`). */
export const REASONS = Object.freeze({
  unsupported: 'unsupported', // the browser has no Translator API
  unavailable: 'unavailable', // it has one, but not for this pair or on this device
  notAllowed: 'not-allowed', // the download needs a click of the reader's
  stalled: 'stalled', // the download stopped progressing
  aborted: 'aborted', // the reader cancelled
  failed: 'failed', // anything else the API threw
});

/** Frequent characters written only in traditional Chinese (from CC-CEDICT: in its traditional forms and
 *  in none of its simplified ones): enough to tell the two scripts apart. */
const TRADITIONAL = new Set('縣區國頭學無爾兒馬機動會氣電體長數風車開門亞發時語點紅羅義東線黃陽龍來經後書魚報業場對樂過轉戰單為關蘭內網達運傳員節聲熱變見軍說實號調詞話間華應帶鳥當產難腳納圖雞連結維聯島權雙萬進愛計邊鐵約論寧視師裝雲盤飛處滿樹條臺質藥標記遠彈環聖務腦層資強漢細證興異貨廣術葉費斷團寶親壓兩臨價統蟲烏劑級綠殺銀薩別總離衛賽靈筆組遊獨導錢養絲沒溫勞種臉輪禮現張惡煙類傷順觀燈絕頂擊際陰紙領蘇橫個亂極問護飯槍補識脫藍奧鶥鏡爭魯黨聽農積濟歸狀復選試隊麵營態議舊醫戶聞職碼歐餘織畫軟輕從貝雜盡針稱賣勝勢圓換製鶯戲鄉虛樣驚辦裡眾舉齊麥萊麗樓備膠庫劇諾脈規屬髮錄橋財隱專倫鳳銷蓋遺讀將湯測題設陸編錯檢談宮頓幾險貴豐隨額紀敗齒參園們這嗎麼覺謝請讓認講寫買');

/** The translator's source language for `text`: traditional or simplified Chinese, by its script. */
export function sourceLanguage(text) {
  let traditional = 0;
  for (const c of text) if (TRADITIONAL.has(c)) traditional += 1;
  return traditional >= 2 || (traditional === 1 && text.length < 20) ? 'zh-Hant' : 'zh';
}

/** The target language: the one set in the options, or the interface's (French for a French interface,
 *  else English). */
export function targetLanguage(setting, uiLanguage = '') {
  if (setting === 'en' || setting === 'fr') return setting;
  return uiLanguage.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

function failure(reason, message) {
  const error = new Error(message);
  error.reason = reason;
  return error;
}

/** `promise`, or a rejection with `reason` after `ms` without it settling. */
function within(promise, ms, reason, message) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(failure(reason, message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The translators of this page or view. `api()` gives the Translator interface (the browser's, or a
 * stand-in in tests); `stallMs` and `callMs` bound the waits.
 */
export class Translation {
  constructor({ api = () => globalThis.Translator, stallMs = STALL_MS, callMs = CALL_MS } = {}) {
    this.api = api;
    this.stallMs = stallMs;
    this.callMs = callMs;
    this.ready = new Map(); // "zh>en" → a created translator
  }

  /** Whether this browser has a Translator API at all. */
  supported() {
    const T = this.api();
    return typeof T?.availability === 'function' && typeof T?.create === 'function';
  }

  /** The pair's state: 'unsupported', 'unavailable', 'downloadable', 'downloading', 'available', or
   *  'ready' once a translator for it has been made. Never throws. */
  async availability(source, target) {
    if (this.ready.has(`${source}>${target}`)) return 'ready';
    if (!this.supported()) return 'unsupported';
    try {
      const state = await within(this.api().availability({ sourceLanguage: source, targetLanguage: target }), this.callMs, REASONS.failed, 'no answer');
      return ['unavailable', 'downloadable', 'downloading', 'available'].includes(state) ? state : 'unavailable';
    } catch {
      return 'unavailable';
    }
  }

  /**
   * A translator for the pair, made now: at once where the pack is there, else (from the reader's click)
   * with the download, `onProgress(share)` telling how far it is. Rejects with an error whose `reason` is
   * one of REASONS: a download that makes no progress for `stallMs` is given up, and so is one the
   * reader cancels through `signal`.
   */
  async enable(source, target, { onProgress = () => {}, signal } = {}) {
    const key = `${source}>${target}`;
    if (this.ready.has(key)) return this.ready.get(key);
    const state = await this.availability(source, target);
    if (state === 'unsupported') throw failure(REASONS.unsupported, 'This browser has no on-device translator.');
    if (state === 'unavailable') throw failure(REASONS.unavailable, 'No on-device translator for this language here.');
    const stop = new AbortController();
    const onAbort = () => stop.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    let stallTimer = 0;
    let stalled = null;
    const stall = new Promise((_, reject) => {
      stalled = () => {
        clearTimeout(stallTimer);
        stallTimer = setTimeout(() => {
          stalledOut = true;
          reject(failure(REASONS.stalled, 'The language pack download stopped making progress.'));
          stop.abort();
        }, this.stallMs);
      };
    });
    stalled();
    let stalledOut = false;
    try {
      const created = this.api().create({
        sourceLanguage: source,
        targetLanguage: target,
        signal: stop.signal,
        monitor: (m) => {
          m.addEventListener('downloadprogress', (e) => {
            stalled();
            onProgress(Number.isFinite(e.loaded) ? Math.min(1, Math.max(0, e.loaded / (e.total || 1))) : 0);
          });
        },
      });
      const translator = await Promise.race([created, stall]);
      this.ready.set(key, translator);
      onProgress(1);
      return translator;
    } catch (error) {
      if (stalledOut) throw failure(REASONS.stalled, 'The language pack download stopped making progress.');
      if (error?.reason) throw error;
      if (signal?.aborted || error?.name === 'AbortError') throw failure(REASONS.aborted, 'Cancelled.');
      if (error?.name === 'NotAllowedError') throw failure(REASONS.notAllowed, 'The download needs a click.');
      throw failure(REASONS.failed, String(error?.message ?? error));
    } finally {
      clearTimeout(stallTimer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /**
   * `text` translated with the pair's translator (made by `enable`, or made now where the pack is there
   * and no click is needed), streamed where the browser streams: `onText(soFar)` gets the translation as
   * it grows. Rejects with a reason where it cannot, or when it takes longer than `callMs`.
   */
  async translate(text, source, target, { onText = () => {}, signal } = {}) {
    const translator = this.ready.get(`${source}>${target}`) ?? (await this.enable(source, target, { signal }));
    const work = (async () => {
      if (typeof translator.translateStreaming === 'function') {
        let soFar = '';
        for await (const chunk of translator.translateStreaming(text, { signal })) {
          // Chrome streams pieces to append; an older draft streamed the whole text so far.
          soFar = chunk.startsWith(soFar) ? chunk : soFar + chunk;
          onText(soFar);
        }
        return soFar;
      }
      const whole = await translator.translate(text, { signal });
      onText(whole);
      return whole;
    })();
    try {
      return await within(work, this.callMs, REASONS.failed, 'The translation took too long.');
    } catch (error) {
      if (error?.reason) throw error;
      if (signal?.aborted || error?.name === 'AbortError') throw failure(REASONS.aborted, 'Cancelled.');
      throw failure(REASONS.failed, String(error?.message ?? error));
    }
  }
}
