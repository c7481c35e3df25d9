// The OCR's own wasm module (built by `./build.sh ocr-wasm` into target/ocr-wasm/pkg) reads a cover of
// the rendered test set in Node, as the native crate does; bad bytes are an Error, not a crash.
// The cover and its truth come from the OCR crate's tests (target/tmp/ocr-testset), which run first.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const pkg = path.join(root, 'target/ocr-wasm/pkg');
const models = process.env.REDLENS_OCR_MODELS ?? path.join(root, 'target/ocr');
const set = path.join(root, 'target/tmp/ocr-testset');

function need(file, how) {
  if (!existsSync(file)) throw new Error(`${file} is missing: ${how}`);
  return file;
}

async function reader() {
  const mod = await import(need(path.join(pkg, 'redlens_ocr_wasm.js'), 'run ./build.sh ocr-wasm'));
  await mod.default({ module_or_path: readFileSync(path.join(pkg, 'redlens_ocr_wasm_bg.wasm')) });
  const file = (name) => readFileSync(need(path.join(models, name), 'run ./build.sh'));
  return new mod.OcrReader(
    file('ch_PP-OCRv4_det_infer.onnx'),
    file('ch_PP-OCRv4_rec_infer.onnx'),
    file('ch_ppocr_mobile_v2.0_cls_infer.onnx'),
    file('ppocr_keys_v1.txt').toString('utf8'),
  );
}

// Spaces dropped, full-width ASCII forms folded, as the native accuracy test compares.
const fold = (s) =>
  [...s]
    .filter((c) => !/\s/.test(c))
    .map((c) => {
      const u = c.codePointAt(0);
      if (u >= 0xff01 && u <= 0xff5e) return String.fromCodePoint(u - 0xff01 + 0x21);
      return u === 0xffe5 ? '¥' : c;
    })
    .join('');

test('a cover is read in wasm as natively, and bad bytes are an Error', async () => {
  const truth = readFileSync(need(path.join(set, 'truth.tsv'), 'run cargo test -p redlens-ocr (./build.sh test does)'), 'utf8')
    .split('\n')
    .map((l) => l.split('\t'))
    .find(([name]) => name === 'cover-01.png');
  let start = performance.now();
  const ocr = await reader();
  const load = performance.now() - start;
  start = performance.now();
  const first = JSON.parse(ocr.read(readFileSync(path.join(set, 'cover-01.png'))));
  const cold = performance.now() - start;
  start = performance.now();
  const lines = JSON.parse(ocr.read(readFileSync(path.join(set, 'cover-01.png'))));
  const warm = performance.now() - start;
  console.log(
    `# wasm: module and models loaded in ${load.toFixed(0)} ms; a 600 × 800 cover read in ${cold.toFixed(0)} ms ` +
      `the first time (plans compiled), ${warm.toFixed(0)} ms after`,
  );
  assert.deepEqual(lines, first);
  assert.deepEqual(lines.map((l) => fold(l.text)), truth[2].split(' | ').map(fold));
  for (const l of lines) {
    assert.equal(l.box.length, 4);
    assert.ok(l.score >= 0.5 && l.score <= 1);
  }
  assert.throws(() => ocr.read(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 0, 0])), /damaged or truncated/);
  assert.throws(() => ocr.read(new TextEncoder().encode('GIF89a....')), /GIF/);

  // Pixels handed over from a canvas (readPixels): a buffer whose length is not the size claimed, however
  // large the claim, is an Error before anything is allocated for it, and a picture too small to hold
  // text reads as no lines.
  assert.throws(() => ocr.readPixels(20, 20, new Uint8Array(20 * 20 * 4 - 1)), /1599 bytes are not 20 × 20 RGBA pixels/);
  assert.throws(() => ocr.readPixels(10000, 10000, new Uint8Array(16)), /16 bytes are not 10000 × 10000 RGBA/);
  assert.deepEqual(JSON.parse(ocr.readPixels(1, 1, new Uint8Array([255, 255, 255, 255]))), []);
  assert.deepEqual(JSON.parse(ocr.readPixels(64, 48, new Uint8Array(64 * 48 * 4).fill(255))), []);
  assert.deepEqual(JSON.parse(ocr.read(readFileSync(path.join(set, 'cover-01.png')))), first, 'the reader still works after bad input');
});
