/**
 * The e-mail channel: one message per round over SMTP (nodemailer), its subject naming the counts and the
 * worst change, a plain-text body worst first, and the round's JSON attached for whoever files it by machine.
 * Its Message-ID is made from the delivery (the same on the repeat a crash can cause), so a mail system or a
 * reader can tell the repeat for what it is. The password travels only to the server, over TLS: smtps://, or
 * smtp:// with STARTTLS required, but to a relay on this machine.
 */
import { createHash } from 'node:crypto';
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
        text: textOf(payload),
        messageId: messageIdOf(stored, deliveryId, settings.from),
        headers: { 'X-Lockout-Delivery': String(deliveryId) },
        attachments: [
          {
            filename: `lockout-round-${payload.round.id}.json`,
            content: stored,
            contentType: 'application/json',
          },
        ],
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
