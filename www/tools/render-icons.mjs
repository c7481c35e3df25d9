// Renders the playground's app icons (www/icons/192.png, 512.png; the second also maskable, with the
// glyph inside the safe zone) from www/icons/icon.svg in headless Chromium. The PNGs are committed: run
// this only after changing the SVG.
//
//   node www/tools/render-icons.mjs

import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const svg = readFileSync(new URL('../icons/icon.svg', import.meta.url), 'utf8');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
for (const [size, inset, name] of [[192, 0, '192.png'], [512, 0, '512.png'], [512, 0.1, 'maskable-512.png']]) {
  await page.setViewportSize({ width: size, height: size });
  const pad = Math.round(size * inset);
  const background = inset ? '#e02d2d' : 'transparent';
  await page.setContent(
    `<body style="margin:0;background:${background}"><div style="padding:${pad}px">` +
      svg.replace('<svg ', `<svg width="${size - 2 * pad}" height="${size - 2 * pad}" `) +
      '</div></body>',
  );
  await page.screenshot({ path: new URL(`../icons/${name}`, import.meta.url).pathname, omitBackground: !inset });
}
await browser.close();
