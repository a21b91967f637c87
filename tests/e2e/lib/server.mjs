// A static file server on 127.0.0.1 for the browser tests. Several roots can
// be mounted (the fixtures, the project's seed page, ../shared/data/pages read
// in place); per-path response headers let a fixture carry a strict CSP.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml' };

/**
 * mounts: { '/prefix': '/abs/dir' }; headers: { '/exact/path.html': { name: value } };
 * dynamic: { '/path': () => string } for generated pages.
 */
export async function startServer({ mounts, headers = {}, dynamic = {} }) {
  const requests = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const pathname = decodeURIComponent(url.pathname);
    requests.push(pathname);
    const extra = headers[pathname] || {};
    if (dynamic[pathname]) {
      res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store', ...extra });
      res.end(dynamic[pathname]());
      return;
    }
    for (const [prefix, dir] of Object.entries(mounts)) {
      if (!pathname.startsWith(`${prefix}/`)) continue;
      const file = path.resolve(dir, `.${pathname.slice(prefix.length)}`);
      if (!file.startsWith(path.resolve(dir) + path.sep)) break;
      if (!fs.existsSync(file) || !fs.statSync(file).isFile()) break;
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-store', ...extra });
      fs.createReadStream(file).pipe(res);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, requests, close: () => new Promise((resolve) => server.close(resolve)) };
}
