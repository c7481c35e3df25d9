// The picture reader, in a Web Worker of its own so that no page's thread ever runs it: the OCR's wasm
// module (ocr-wasm/, bundled with its glue into ocr-worker.js) and PaddleOCR's models, from the ocr/
// folder beside the worker, loaded on the first picture only. The one who started the worker (the
// playground's page; the extension's background or offscreen document) terminates it when it has been
// idle a while, which gives its memory back.
//
// Messages in: { id, load: true } (load now, read nothing: answered { id, lines: [] } once loaded),
// { id, picture: Blob } (a picture the user gave), or { id, capture: a PNG or JPEG data URL
// of a tab, area: { x, y, width, height } in CSS pixels of a viewport `viewportWidth` wide } (a part of a
// captured tab). Out: { id, lines: [{text, box, score, row, places}] } (for a capture, boxes in the
// viewport's CSS pixels), or { id, error }, and while it loads, { progress: share of the bytes received }.

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

/** The bytes of a base64 data URL (no fetch: a data URL is not a request). */
function dataUrlBytes(url) {
  const comma = url.indexOf(',');
  if (!url.startsWith('data:') || comma < 0 || !url.slice(0, comma).endsWith(';base64')) throw new Error('not a captured picture');
  const text = atob(url.slice(comma + 1));
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** Reads `area` (CSS pixels) of a captured tab: the capture is `scale` device pixels per CSS pixel, the
 *  area is cut out at that resolution, read, and the boxes brought back to CSS pixels of the viewport. */
async function readCapture(ocr, capture, area, viewportWidth) {
  const type = capture.slice(5, capture.indexOf(';'));
  const bitmap = await createImageBitmap(new Blob([dataUrlBytes(capture)], { type }));
  try {
    const scale = bitmap.width / viewportWidth;
    const x = Math.max(0, Math.round(area.x * scale));
    const y = Math.max(0, Math.round(area.y * scale));
    const width = Math.min(bitmap.width - x, Math.round(area.width * scale));
    const height = Math.min(bitmap.height - y, Math.round(area.height * scale));
    if (!(scale > 0) || width < 1 || height < 1) return [];
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d', { willReadFrequently: true });
    context.drawImage(bitmap, x, y, width, height, 0, 0, width, height);
    const pixels = context.getImageData(0, 0, width, height).data;
    const lines = JSON.parse(ocr.readPixels(width, height, new Uint8Array(pixels.buffer)));
    for (const line of lines) line.box = line.box.map(([bx, by]) => [(bx + x) / scale, (by + y) / scale]);
    return lines;
  } finally {
    bitmap.close();
  }
}

self.addEventListener('message', async ({ data }) => {
  const { id, load: loadOnly, picture, capture, area, viewportWidth } = data ?? {};
  try {
    const isCapture = typeof capture === 'string' && area && viewportWidth > 0;
    const isPicture = picture instanceof Blob;
    if (!isPicture && !isCapture && loadOnly !== true) throw new Error('not a picture');
    reader ??= load().catch((error) => {
      reader = null; // the next picture tries again (say, once back online)
      throw new Error(`the picture reader could not be loaded (${error.message ?? error})`);
    });
    const ocr = await reader;
    if (!isPicture && !isCapture) return postMessage({ id, lines: [] });
    // A page's text is upright; a photo given may have been taken upside down.
    ocr.setAngleClassifier(!isCapture);
    const lines = isCapture ? await readCapture(ocr, capture, area, viewportWidth) : JSON.parse(ocr.read(await readable(picture)));
    postMessage({ id, lines });
  } catch (error) {
    postMessage({ id, error: String(error?.message ?? error) });
  }
});
