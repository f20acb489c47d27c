/**
 * What every alert channel is to a watch round: a name the store and the log know it by, a description with
 * its secrets masked (for --dry-run), and `send`, which delivers one stored round message or throws a one-line
 * reason that never holds the channel's URL, password or key. The round keeps the pending → sent state and
 * the retries; a channel only knows how to reach its receiver once.
 */

export type ChannelKind = 'webhook' | 'email' | 'slack' | 'sns';

export interface AlertChannel {
  kind: ChannelKind;
  /** The name the user gave (`--email ops`). */
  name: string;
  /**
   * The channel as the store and the log know it: `kind:name`, but a webhook's bare name, as stores written
   * before the other kinds came know it (their pending deliveries still go out).
   */
  id: string;
  /** Where it sends, secrets masked: "email smtp://****@mail.example.net:****, 2 recipients". */
  description: string;
  /**
   * Delivers `payload` (the round's WatchPayload as stored, JSON) once, within `timeoutMs`. `deliveryId` is
   * the same on a repeat after a crash, so a receiver that can tell deliveries apart drops the repeat.
   */
  send(payload: string, deliveryId: number, timeoutMs: number): Promise<void>;
}

export function channelId(kind: ChannelKind, name: string): string {
  return kind === 'webhook' ? name : `${kind}:${name}`;
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

/** Sends with retries and doubling waits; returns the last failure's reason, or none once it was taken. */
export async function sendWithRetry(
  channel: AlertChannel,
  payload: string,
  deliveryId: number,
  retry: RetryOptions,
): Promise<{ attempts: number; error?: string | undefined }> {
  let error = '';
  const timeoutMs = retry.timeoutMs ?? defaultRetry.timeoutMs!;
  for (let attempt = 1; attempt <= retry.attempts; attempt++) {
    if (attempt > 1) await sleep(retry.baseDelayMs * 2 ** (attempt - 2));
    try {
      await channel.send(payload, deliveryId, timeoutMs);
      return { attempts: attempt };
    } catch (failure) {
      error = failure instanceof Error ? failure.message : String(failure);
    }
  }
  return { attempts: retry.attempts, error };
}

/** A channel's failure, said in one line without anything the channel was configured with. */
export class ChannelError extends Error {}

/** The reason of a network failure without its address: "could not connect (ECONNREFUSED)". */
export function networkReason(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = (cause as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' ? `could not connect (${code})` : 'could not send';
}

export const loopbackHosts: readonly string[] = ['127.0.0.1', 'localhost', '[::1]', '::1'];

export function isLoopback(hostname: string): boolean {
  return loopbackHosts.includes(hostname);
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

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
