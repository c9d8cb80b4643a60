import { type ServerType, serve } from '@hono/node-server';
import type { Guichet } from './guichet.js';

/**
 * Serves a Guichet on a Node HTTP port.
 * @example
 * const server = await listen(createGuichet(), { port: 8080 });
 */
export function listen(guichet: Pick<Guichet, 'fetch'>, options: { port?: number; hostname?: string } = {}) {
  return new Promise<{ server: ServerType; url: string }>((resolve) => {
    const server = serve(
      { fetch: guichet.fetch, port: options.port ?? 8080, hostname: options.hostname ?? '127.0.0.1' },
      (info) => {
        const host = info.address.includes(':') ? `[${info.address}]` : info.address;
        resolve({ server, url: `http://${host}:${info.port}` });
      },
    );
  });
}
