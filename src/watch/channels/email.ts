/**
 * The e-mail channel: one message per round over SMTP (nodemailer), its subject naming the counts and the
 * worst change, a plain-text body worst first, and the round's JSON attached for whoever files it by machine
 * (compressed when large, left out with a word when even that is more than a mail carries).
 * Its Message-ID is made from the delivery (the same on the repeat a crash can cause), so a mail system or a
 * reader can tell the repeat for what it is. The password travels only to the server, over TLS: smtps://, or
 * smtp:// with STARTTLS required, but to a relay on this machine.
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { NodemailerError } from 'nodemailer';
import { channelId, ChannelError, isLoopback, type AlertChannel } from './channel.js';
import { parsePayload, subjectOf, textOf } from './render.js';

export interface EmailSettings {
  name: string;
  /** smtp://user:pass@host:port or smtps://…; the user and password percent-encoded. */
  url: string;
  from: string;
  to: readonly string[];
}

/** What nodemailer is given for a URL: implicit TLS for smtps, STARTTLS required for smtp but on loopback. */
export function smtpOptions(url: string): {
  host: string;
  port: number;
  secure: boolean;
  requireTLS: boolean;
  auth?: { user: string; pass: string };
} {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'smtps:';
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  const user = decodeURIComponent(parsed.username);
  return {
    host,
    port: parsed.port ? Number(parsed.port) : secure ? 465 : 587,
    secure,
    requireTLS: !secure && !isLoopback(parsed.hostname),
    ...(user ? { auth: { user, pass: decodeURIComponent(parsed.password) } } : {}),
  };
}

/** "smtp://****@mail.example.net:****": the scheme and the host, never the user, password or port. */
export function maskSmtpUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const credentials = parsed.username || parsed.password ? '****@' : '';
    return `${parsed.protocol}//${credentials}${parsed.hostname}${parsed.port ? ':****' : ''}`;
  } catch {
    return '****';
  }
}

/** `<lockout.42.<hash>@example.net>`: the delivery, the round it carries and the sender's domain. */
export function messageIdOf(payload: string, deliveryId: number, from: string): string {
  const domain = /@([^@>\s]+)>?\s*$/.exec(from)?.[1] ?? 'lockout.invalid';
  const round = createHash('sha256').update(payload).digest('hex').slice(0, 16);
  return `<lockout.${deliveryId}.${round}@${domain}>`;
}

/**
 * The most bytes attached, before base64: Amazon SES's v1 API takes at most 10 MB per message after base64
 * (https://docs.aws.amazon.com/ses/latest/dg/quotas.html, read 2026-12-05; its v2 API and SMTP 40 MB, Gmail
 * 25 MB), base64 adds a third, and the text needs room beside it.
 */
export const attachmentLimit = 7_000_000;

export type RoundAttachment =
  { filename: string; content: string | Buffer; contentType: string } | { omitted: string };

/**
 * The round's JSON to attach: as stored when it fits `limit`; else gzipped (an Organization's first round,
 * 47 MB of JSON at 10,000 accounts, is about 2 MB); else nothing, with the sentence that says why.
 */
export async function roundAttachment(
  stored: string,
  roundId: number,
  limit = attachmentLimit,
): Promise<RoundAttachment> {
  const filename = `lockout-round-${roundId}.json`;
  const bytes = Buffer.byteLength(stored);
  if (bytes <= limit) return { filename, content: stored, contentType: 'application/json' };
  const zipped = await promisify(gzip)(stored);
  if (zipped.length <= limit)
    return { filename: `${filename}.gz`, content: zipped, contentType: 'application/gzip' };
  return {
    omitted:
      `The round's JSON (${megabytes(bytes)}, ${megabytes(zipped.length)} gzipped) is more than a mail ` +
      `carries (${megabytes(limit)} attached): it is not attached. A webhook channel receives it whole, in parts.`,
  };
}

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

export function emailChannel(settings: EmailSettings): AlertChannel {
  const recipients = settings.to.length;
  return {
    kind: 'email',
    name: settings.name,
    id: channelId('email', settings.name),
    description: `email ${maskSmtpUrl(settings.url)}, ${recipients} recipient${recipients === 1 ? '' : 's'}`,
    send: (payload, deliveryId, timeoutMs) => sendMail(settings, payload, deliveryId, timeoutMs),
  };
}

async function sendMail(
  settings: EmailSettings,
  stored: string,
  deliveryId: number,
  timeoutMs: number,
): Promise<void> {
  const payload = parsePayload(stored);
  const attachment = await roundAttachment(stored, payload.round.id);
  // Loaded when a mail is sent: a watch with other channels starts without it.
  const { createTransport } = await import('nodemailer');
  const transport = createTransport({
    ...smtpOptions(settings.url),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      transport.sendMail({
        from: settings.from,
        to: [...settings.to],
        subject: subjectOf(payload),
        text: textOf(payload) + ('omitted' in attachment ? `\n${attachment.omitted}\n` : ''),
        messageId: messageIdOf(stored, deliveryId, settings.from),
        headers: { 'X-Lockout-Delivery': String(deliveryId) },
        attachments: 'omitted' in attachment ? [] : [attachment],
      }),
      // Each of nodemailer's waits has the bound; the whole exchange has it too.
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          reject(new ChannelError(`no answer within ${timeoutMs / 1000} s`));
        }, timeoutMs);
      }),
    ]);
  } catch (error) {
    throw error instanceof ChannelError ? error : new ChannelError(smtpFailure(error, timeoutMs));
  } finally {
    clearTimeout(timer);
    transport.close();
  }
}

/** nodemailer's error in words, without the server's address or anything of the login. */
function smtpFailure(error: unknown, timeoutMs: number): string {
  const failure = (error ?? {}) as NodemailerError;
  const reply = failure.responseCode ? ` (${failure.responseCode})` : '';
  switch (failure.code) {
    case 'ETIMEDOUT':
      return `no answer within ${timeoutMs / 1000} s`;
    case 'ESOCKET':
    case 'ECONNECTION':
    case 'EDNS':
      return `could not connect (${failure.originalCode ?? failure.code})`;
    case 'ETLS':
      return 'the TLS handshake or STARTTLS failed';
    case 'EAUTH':
    case 'ENOAUTH':
      return `the server refused the login${reply}`;
    case 'EENVELOPE':
      return `the server refused the sender or a recipient${reply}`;
    case 'EMESSAGE':
      return `the server refused the message${reply}`;
    default:
      return `the mail could not be sent (${failure.code ?? 'unknown error'}${failure.responseCode ? `, ${failure.responseCode}` : ''})`;
  }
}
