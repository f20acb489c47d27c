// A local webhook receiver on 127.0.0.1 for the watch tests: it records each POST, checks its HMAC-SHA256
// signature with the key it was given, and can be told to fail.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  body: string;
  payload: unknown;
  signature: string | undefined;
  signatureValid: boolean;
  delivery: string | undefined;
  /** X-Lockout-Part, "<index>/<count>", on a message sent in parts. */
  part: string | undefined;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** Answer with this HTTP status instead of 204 (e.g. 503). */
  failWith: number | undefined;
  /** Every request that reached it, refused ones included. */
  readonly requests: number;
  /** Refuse the next n requests with HTTP 503, then take them. */
  failNext: number;
  /** Record each request and never answer it: a message in flight. */
  hold: boolean;
  /** Called with each request recorded. */
  onReceive: ((message: Received) => void) | undefined;
  close(): Promise<void>;
}

export function verifySignature(body: string, header: string | undefined, key: string): boolean {
  if (header === undefined || !header.startsWith('sha256=')) return false;
  const expected = Buffer.from(createHmac('sha256', key).update(body).digest('hex'), 'utf8');
  const given = Buffer.from(header.slice('sha256='.length), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function startReceiver(key: string, port = 0): Promise<Receiver> {
  const received: Received[] = [];
  const state: {
    failWith: number | undefined;
    hold: boolean;
    onReceive: ((message: Received) => void) | undefined;
    requests: number;
    failNext: number;
  } = { failWith: undefined, hold: false, onReceive: undefined, requests: 0, failNext: 0 };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      state.requests += 1;
      if (state.failWith !== undefined || state.failNext > 0) {
        if (state.failNext > 0) state.failNext -= 1;
        response.writeHead(state.failWith ?? 503).end();
        return;
      }
      const body = Buffer.concat(chunks).toString('utf8');
      const header = (name: string): string | undefined => {
        const value = request.headers[name];
        return Array.isArray(value) ? value[0] : value;
      };
      const signature = header('x-lockout-signature');
      const message: Received = {
        body,
        payload: JSON.parse(body) as unknown,
        signature,
        signatureValid: verifySignature(body, signature, key),
        delivery: header('x-lockout-delivery'),
        part: header('x-lockout-part'),
      };
      received.push(message);
      state.onReceive?.(message);
      if (state.hold) return;
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}/hook`,
    received,
    get failWith() {
      return state.failWith;
    },
    set failWith(value) {
      state.failWith = value;
    },
    get requests() {
      return state.requests;
    },
    get failNext() {
      return state.failNext;
    },
    set failNext(value) {
      state.failNext = value;
    },
    get hold() {
      return state.hold;
    },
    set hold(value) {
      state.hold = value;
    },
    get onReceive() {
      return state.onReceive;
    },
    set onReceive(value) {
      state.onReceive = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
