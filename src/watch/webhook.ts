/**
 * The generic JSON webhook channel: the payload POSTed as JSON, signed with HMAC-SHA256 of the exact body in
 * `X-Lockout-Signature: sha256=<hex>` so the receiver can tell it came from whoever holds the key, with the
 * delivery's id in `X-Lockout-Delivery` so a receiver can drop the one repeat a crash can cause.
 */
import { createHmac } from 'node:crypto';

export interface WatchChannel {
  /** The name the store and the log know the channel by; its URL and key never leave memory. */
  name: string;
  url: string;
  key: string;
}

export interface RetryOptions {
  /** Attempts in one round, the first included. */
  attempts: number;
  /** The wait before the second attempt; it doubles after each failure. */
  baseDelayMs: number;
  /** Most time for one attempt. */
  timeoutMs?: number | undefined;
}

export const defaultRetry: RetryOptions = { attempts: 4, baseDelayMs: 2_000, timeoutMs: 15_000 };

export function signBody(body: string, key: string): string {
  return `sha256=${createHmac('sha256', key).update(body, 'utf8').digest('hex')}`;
}

/** A URL shown without what may be secret in it: only the scheme and host stay, the port and path are masked. */
export function maskUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.hostname}${parsed.port ? ':****' : ''}/****`;
  } catch {
    return '****';
  }
}

/** Posts `body` once; throws with the reason (status or network error), never with the URL or the key. */
async function postOnce(
  channel: WatchChannel,
  body: string,
  deliveryId: number,
  timeoutMs: number,
): Promise<void> {
  let response: Response;
  try {
    response = await fetch(channel.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'lockout-watch',
        'x-lockout-signature': signBody(body, channel.key),
        'x-lockout-delivery': String(deliveryId),
      },
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    // An abort is a DOMException, which is not an Error in every Node version: read its name alone.
    if ((error as { name?: unknown } | null)?.name === 'TimeoutError')
      throw new Error(`no answer within ${timeoutMs / 1000} s`);
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    const code = (cause as NodeJS.ErrnoException | null)?.code;
    throw new Error(typeof code === 'string' ? `could not connect (${code})` : 'could not send');
  }
  // The body is read only to free the connection.
  await response.arrayBuffer().catch(() => undefined);
  if (!response.ok) throw new Error(`the receiver answered HTTP ${response.status}`);
}

/** Posts with retries and doubling waits; returns the last error's reason, or undefined once it was taken. */
export async function postWithRetry(
  channel: WatchChannel,
  body: string,
  deliveryId: number,
  retry: RetryOptions,
): Promise<{ attempts: number; error?: string | undefined }> {
  let error = '';
  for (let attempt = 1; attempt <= retry.attempts; attempt++) {
    if (attempt > 1) await sleep(retry.baseDelayMs * 2 ** (attempt - 2));
    try {
      await postOnce(channel, body, deliveryId, retry.timeoutMs ?? defaultRetry.timeoutMs!);
      return { attempts: attempt };
    } catch (failure) {
      error = failure instanceof Error ? failure.message : String(failure);
    }
  }
  return { attempts: retry.attempts, error };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
