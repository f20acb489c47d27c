/**
 * The generic JSON webhook channel: the payload POSTed as stored, signed with HMAC-SHA256 of the exact body in
 * `X-Lockout-Signature: sha256=<hex>` so the receiver can tell it came from whoever holds the key, with the
 * delivery's id in `X-Lockout-Delivery` so a receiver can drop the one repeat a crash can cause.
 */
import { createHmac } from 'node:crypto';
import { channelId, ChannelError, maskUrl, networkReason, type AlertChannel } from './channel.js';

export interface WebhookSettings {
  name: string;
  url: string;
  key: string;
}

export function signBody(body: string, key: string): string {
  return `sha256=${createHmac('sha256', key).update(body, 'utf8').digest('hex')}`;
}

export function webhookChannel(settings: WebhookSettings): AlertChannel {
  return {
    kind: 'webhook',
    name: settings.name,
    id: channelId('webhook', settings.name),
    description: `webhook ${maskUrl(settings.url)}, key ****`,
    send: (payload, deliveryId, timeoutMs) => postOnce(settings, payload, deliveryId, timeoutMs),
  };
}

/** Posts `body` once; throws with the reason (status or network error), never with the URL or the key. */
async function postOnce(
  settings: WebhookSettings,
  body: string,
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
