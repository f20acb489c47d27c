/**
 * A local HTTP server on 127.0.0.1 that answers with recorded responses, in the order given per route, and
 * records every request's method, path and whether it carried a bearer token: the scanners' tests run
 * against it, and never anything else.
 */

import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  status?: number;
  headers?: Record<string, string>;
  /** JSON body. */
  body?: unknown;
  /** Never answer: a stalled provider. */
  hang?: boolean;
}

export interface RequestSeen {
  method: string;
  /** Decoded path with its query. */
  url: string;
  authorized: boolean;
}

export interface RecordedServer {
  baseUrl: string;
  requests: RequestSeen[];
  close: () => Promise<void>;
}

/**
 * Routes are matched on the decoded path and query: the first route whose key is a prefix of the request's
 * "METHOD path?query" serves its next answer (the last one repeats); anything else is a 404.
 */
export async function recordedServer(
  routes: Record<string, (Recorded | ((baseUrl: string) => Recorded))[]>,
): Promise<RecordedServer> {
  const requests: RequestSeen[] = [];
  const served = new Map<string, number>();
  let baseUrl = '';
  const server: Server = createServer((request: IncomingMessage, response) => {
    const url = decodeURIComponent(request.url ?? '/');
    requests.push({
      method: request.method ?? '?',
      url,
      authorized: /^(bearer|token) \S+/i.test(request.headers.authorization ?? ''),
    });
    const key = Object.keys(routes).find((route) => `${request.method} ${url}`.startsWith(route));
    if (!key) {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ message: 'Not Found' }));
      return;
    }
    const answers = routes[key]!;
    const index = Math.min(served.get(key) ?? 0, answers.length - 1);
    served.set(key, index + 1);
    const entry = answers[index]!;
    const answer = typeof entry === 'function' ? entry(baseUrl) : entry;
    if (answer.hang) return;
    response.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
    response.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
