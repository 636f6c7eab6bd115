import { request } from 'node:http';

/**
 * A raw POST with exactly these headers and bytes (fetch would fix some of them, e.g. Content-Length or an
 * encoding). Resolves to the status, or -1 when the server closed the connection instead of answering.
 */
export function rawPost(url: string, body: Buffer | string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const target = new URL(url);
    const req = request(
      { host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: { 'content-length': String(Buffer.byteLength(body)), ...headers } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', () => resolve(-1));
    req.end(body);
  });
}
