// A real SMTP server on 127.0.0.1 (the `smtp-server` package) for the watch tests: it takes a login, records
// each message whole (envelope and raw bytes), and can be closed and started again on the same port. `readMail`
// reads what it got back into headers, text and attachments: just the MIME that nodemailer writes
// (multipart/mixed; quoted-printable, base64 or 7bit parts; RFC 2047 encoded words in headers).
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  user: string | undefined;
}

export interface SmtpReceiver {
  port: number;
  received: ReceivedMail[];
  /** Logins tried, refused ones included. */
  logins: number;
  close(): Promise<void>;
}

export async function startSmtpServer(
  login: { user: string; pass: string },
  port = 0,
  host = '127.0.0.1',
): Promise<SmtpReceiver> {
  const state = { received: [] as ReceivedMail[], logins: 0 };
  const server = new SMTPServer({
    // Plain SMTP on loopback: the channel asks for STARTTLS only off this machine (see email.test.ts).
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      state.logins += 1;
      if (auth.username === login.user && auth.password === login.pass)
        callback(null, { user: auth.username });
      else callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const envelope = session.envelope;
        state.received.push({
          from: envelope.mailFrom ? envelope.mailFrom.address : '',
          to: envelope.rcptTo.map((address) => address.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          user: typeof session.user === 'string' ? session.user : undefined,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      resolve();
    });
  });
  const address = (server as unknown as { server: { address(): AddressInfo } }).server.address();
  return {
    port: address.port,
    received: state.received,
    get logins() {
      return state.logins;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  };
}

export interface ParsedMail {
  headers: Map<string, string>;
  text: string;
  /** `content` as UTF-8 text; `bytes` as sent (a gzipped attachment). */
  attachments: { filename: string; contentType: string; content: string; bytes: Buffer }[];
}

/** A raw message read back: headers (lower-case names, encoded words decoded), the text part, attachments. */
export function readMail(raw: string): ParsedMail {
  const { headers, body } = splitEntity(raw);
  const parsed: ParsedMail = { headers, text: '', attachments: [] };
  const parts = mimeParts(headers, body);
  for (const part of parts) {
    const type = (part.headers.get('content-type') ?? 'text/plain').split(';')[0]!.trim().toLowerCase();
    const bytes = decodeBody(part.body, part.headers.get('content-transfer-encoding'));
    const content = bytes.toString('utf8');
    const disposition = part.headers.get('content-disposition') ?? '';
    const filename = /filename="?([^";]+)"?/.exec(disposition)?.[1];
    if (filename) parsed.attachments.push({ filename, contentType: type, content, bytes });
    else if (type === 'text/plain') parsed.text += content;
  }
  return parsed;
}

function mimeParts(
  headers: Map<string, string>,
  body: string,
): { headers: Map<string, string>; body: string }[] {
  const type = headers.get('content-type') ?? '';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!type.toLowerCase().startsWith('multipart/') || !boundary) return [{ headers, body }];
  return body
    .split(`--${boundary}`)
    .slice(1)
    .filter((part) => !part.startsWith('--'))
    .flatMap((part) => {
      const entity = splitEntity(part.replace(/^\r?\n/, ''));
      return mimeParts(entity.headers, entity.body);
    });
}

function splitEntity(raw: string): { headers: Map<string, string>; body: string } {
  const at = raw.search(/\r?\n\r?\n/);
  const head = at < 0 ? raw : raw.slice(0, at);
  const body = at < 0 ? '' : raw.slice(at).replace(/^\r?\n\r?\n/, '');
  const headers = new Map<string, string>();
  // Folded lines continue the header above them.
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0)
      headers.set(line.slice(0, colon).trim().toLowerCase(), decodeWords(line.slice(colon + 1).trim()));
  }
  return { headers, body };
}

/** RFC 2047: =?UTF-8?Q?…?= and =?UTF-8?B?…?=, adjacent words joined without the space between them. */
function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_, _charset: string, encoding: string, data: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : decodeQuotedPrintable(data.replace(/_/g, ' ')),
    );
}

function decodeBody(body: string, encoding: string | undefined): Buffer {
  switch ((encoding ?? '7bit').toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64');
    case 'quoted-printable':
      return Buffer.from(decodeQuotedPrintable(body.replace(/=\r?\n/g, '')), 'utf8');
    default:
      return Buffer.from(body, 'utf8');
  }
}

function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text[i] === '=' ? /^[0-9A-Fa-f]{2}/.exec(text.slice(i + 1, i + 3)) : null;
    if (hex) {
      bytes.push(parseInt(hex[0], 16));
      i += 2;
    } else bytes.push(...Buffer.from(text[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}
