// The playground's picture reader, in a Web Worker of its own so that the page's thread never runs it:
// the OCR's wasm module (ocr-wasm/, bundled with its glue into ocr-worker.js) and PaddleOCR's models,
// all from this site's ocr/ folder, loaded on the first picture only. The page terminates the worker
// when it has been idle a while, which gives its memory back.
//
// Messages: the page posts { id, picture: Blob }; the worker answers { id, lines: [{text, box, score,
// row}] } or { id, error }, and while it loads, { progress: share of the bytes received }.

import init, { OcrReader } from 'redlens-ocr-wasm';

const WASM = 'ocr/redlens_ocr_wasm_bg.wasm';
const MODELS = ['ocr/ch_PP-OCRv4_det_infer.onnx', 'ocr/ch_PP-OCRv4_rec_infer.onnx', 'ocr/ch_ppocr_mobile_v2.0_cls_infer.onnx'];
const CHARACTERS = 'ocr/ppocr_keys_v1.txt';
/** The formats the OCR decodes itself; others are drawn by the browser and handed over as PNG. */
const OWN_FORMATS = ['image/png', 'image/jpeg'];

/** The reader, once loaded (a promise, so that pictures given while it loads wait for the one load). */
let reader = null;

/** Fetches this site's files, reporting the share of their bytes received so far. */
async function downloadAll(urls) {
  const responses = await Promise.all(
    urls.map(async (url) => {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`${url}: ${response.status} ${response.statusText}`);
      return response;
    }),
  );
  const total = responses.reduce((sum, r) => sum + (Number(r.headers.get('content-length')) || 0), 0);
  let received = 0;
  return Promise.all(
    responses.map(async (response) => {
      if (!response.body || !total) return new Uint8Array(await response.arrayBuffer());
      const chunks = [];
      const stream = response.body.getReader();
      for (;;) {
        const { done, value } = await stream.read();
        if (done) break;
        chunks.push(value);
        received += value.length;
        postMessage({ progress: Math.min(1, received / total) });
      }
      const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
      let at = 0;
      for (const c of chunks) {
        bytes.set(c, at);
        at += c.length;
      }
      return bytes;
    }),
  );
}

async function load() {
  const [wasm, det, rec, cls, characters] = await downloadAll([WASM, ...MODELS, CHARACTERS]);
  await init({ module_or_path: wasm });
  return new OcrReader(det, rec, cls, new TextDecoder().decode(characters));
}

/** The picture's bytes in a format the OCR reads: PNG and JPEG as they are, anything else the browser
 *  can open (WebP, GIF, AVIF…) drawn and encoded as PNG. */
async function readable(picture) {
  const bytes = new Uint8Array(await picture.arrayBuffer());
  if (OWN_FORMATS.includes(picture.type) || typeof OffscreenCanvas === 'undefined') return bytes;
  let bitmap;
  try {
    bitmap = await createImageBitmap(picture);
  } catch {
    return bytes; // the OCR names what it is not
  }
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  canvas.getContext('2d').drawImage(bitmap, 0, 0);
  bitmap.close();
  return new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
}

self.addEventListener('message', async ({ data }) => {
  const { id, picture } = data ?? {};
  try {
    if (!(picture instanceof Blob)) throw new Error('not a picture');
    reader ??= load().catch((error) => {
      reader = null; // the next picture tries again (say, once back online)
      throw new Error(`the picture reader could not be loaded (${error.message ?? error})`);
    });
    const ocr = await reader;
    const lines = JSON.parse(ocr.read(await readable(picture)));
    postMessage({ id, lines });
  } catch (error) {
    postMessage({ id, error: String(error?.message ?? error) });
  }
});
