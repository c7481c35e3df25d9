// A static server for the fixture pages, on the loopback interface only. Pages are served under any
// host name, so the browsers can be pointed at www.xiaohongshu.com and reach this server instead.

import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), 'fixtures');
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };

/** Routes of the fake site: Xiaohongshu's URL shapes, each served by a fixture file. */
const ROUTES = [
  [/^\/explore\/?$/, 'feed.html'],
  [/^\/explore\/[0-9a-f]{24}/, 'note.html'],
];

/** Starts the server; resolves with { origin, port, close }. */
export function startServer() {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://fixture');
    const route = ROUTES.find(([re]) => re.test(url.pathname));
    const file = route ? route[1] : normalize(url.pathname).replace(/^(\.\.[/\\])+/, '').slice(1);
    try {
      const body = await readFile(join(ROOT, file));
      const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' };
      if (file === 'strict-csp.html') headers['content-security-policy'] = "default-src 'self'; script-src 'self'";
      res.writeHead(200, headers).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ port, close: () => new Promise((r) => server.close(r)) });
    });
  });
}
