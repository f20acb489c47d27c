/**
 * The generic JSON webhook channel: the payload POSTed as stored, signed with HMAC-SHA256 of the exact body in
 * `X-Lockout-Signature: sha256=<hex>` so the receiver can tell it came from whoever holds the key, with the
 * delivery's id in `X-Lockout-Delivery` so a receiver can drop the one repeat a crash can cause. A message
 * larger than a receiver commonly takes (an Organization's first round: 47 MB at 10,000 accounts) is POSTed in
 * parts, each the same payload with some of the alerts and `part: { index, count }`, numbered in
 * `X-Lockout-Part: <index>/<count>` too; a receiver drops repeats by delivery and part.
 */
import { createHmac } from 'node:crypto';
import type { WatchPayload } from '../payload.js';
import { channelId, ChannelError, maskUrl, networkReason, type AlertChannel } from './channel.js';
import { parsePayload } from './render.js';

export interface WebhookSettings {
  name: string;
  url: string;
  key: string;
}

export function signBody(body: string, key: string): string {
  return `sha256=${createHmac('sha256', key).update(body, 'utf8').digest('hex')}`;
}

/**
 * The most bytes in one POST: 1 MiB is nginx's default client_max_body_size, past which it answers 413
 * (http://nginx.org/en/docs/http/ngx_http_core_module.html#client_max_body_size, read 2026-12-05), and the
 * smallest limit among common receivers (AWS Lambda function URLs take 6 MB, API Gateway 10 MB).
 */
export const webhookPartLimit = 1_000_000;

/** One body to POST: the payload, or one part of it (`part` is absent when the message is one body). */
export interface WebhookBody {
  body: string;
  part?: WatchPayload['part'];
}

/** What a stored message is POSTed as: how many bodies, and each, made when it is sent. */
export interface WebhookBodies {
  count: number;
  bodies: Iterable<WebhookBody>;
}

/**
 * The bodies a stored message is POSTed as: itself, byte for byte, when it is at most `limit` bytes; else its
 * payload in parts (webhookParts).
 */
export function webhookBodies(stored: string, limit = webhookPartLimit): WebhookBodies {
  const whole = { count: 1, bodies: [{ body: stored }] };
  if (Buffer.byteLength(stored) <= limit) return whole;
  return webhookParts(parsePayload(stored), limit) ?? whole;
}

/**
 * A payload too large for one POST in parts of at most `limit` bytes (one alert larger than that goes alone),
 * each with the round's counts and some of its alerts, in order; undefined when it cannot be cut (one alert).
 * Each alert's JSON is written once: it sizes the parts, and the parts are made of it.
 */
function webhookParts(payload: WatchPayload, limit = webhookPartLimit): WebhookBodies | undefined {
  const { version, tool, round, counts, alerts } = payload;
  // A part's JSON without its alerts: `…,"alerts":[]}`, the alerts going between the brackets.
  const frameOf = (index: number, count: number): string =>
    JSON.stringify({ version, tool, round, part: { index, count }, counts, alerts: [] });
  const texts = alerts.map((alert) => JSON.stringify(alert));
  // The frame with the widest numbers a part can have; each alert adds its text and a comma.
  const frame = Buffer.byteLength(frameOf(alerts.length, alerts.length));
  const starts: number[] = [];
  let size = Infinity;
  for (const [index, text] of texts.entries()) {
    const bytes = Buffer.byteLength(text) + 1;
    if (size + bytes > limit) {
      starts.push(index);
      size = frame;
    }
    size += bytes;
  }
  const count = starts.length;
  if (count <= 1) return undefined;
  function* bodies(): Generator<WebhookBody> {
    for (let part = 0; part < count; part++) {
      const opening = frameOf(part + 1, count).slice(0, -2);
      const inside = texts.slice(starts[part], starts[part + 1] ?? texts.length).join(',');
      yield { body: `${opening}${inside}]}`, part: { index: part + 1, count } };
    }
  }
  return { count, bodies: bodies() };
}

export function webhookChannel(settings: WebhookSettings): AlertChannel {
  // Parts the receiver took, by delivery: a retry in the same round sends only the rest.
  const taken = new Map<number, Set<number>>();
  return {
    kind: 'webhook',
    name: settings.name,
    id: channelId('webhook', settings.name),
    description: `webhook ${maskUrl(settings.url)}, key ****`,
    send: async (payload, deliveryId, timeoutMs) => {
      const { bodies } = webhookBodies(payload);
      const sent = taken.get(deliveryId) ?? new Set<number>();
      taken.set(deliveryId, sent);
      for (const body of bodies) {
        const index = body.part?.index ?? 1;
        if (sent.has(index)) continue;
        await postOnce(settings, body, deliveryId, timeoutMs);
        sent.add(index);
      }
      taken.delete(deliveryId);
    },
  };
}

/** Posts `body` once; throws with the reason (status or network error), never with the URL or the key. */
async function postOnce(
  settings: WebhookSettings,
  { body, part }: WebhookBody,
  deliveryId: number,
  timeoutMs: number,
): Promise<void> {
  let response: Response;
  try {
    response = await fetch(settings.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'lockout-watch',
        'x-lockout-signature': signBody(body, settings.key),
        'x-lockout-delivery': String(deliveryId),
        ...(part ? { 'x-lockout-part': `${part.index}/${part.count}` } : {}),
      },
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new ChannelError(httpFailure(error, timeoutMs));
  }
  // The body is read only to free the connection.
  await response.arrayBuffer().catch(() => undefined);
  if (!response.ok) throw new ChannelError(`the receiver answered HTTP ${response.status}`);
}

/** Why an HTTP request got no answer: a timeout, or the network's reason. */
export function httpFailure(error: unknown, timeoutMs: number): string {
  // An abort is a DOMException, which is not an Error in every Node version: read its name alone.
  if ((error as { name?: unknown } | null)?.name === 'TimeoutError')
    return `no answer within ${timeoutMs / 1000} s`;
  return networkReason(error);
}
