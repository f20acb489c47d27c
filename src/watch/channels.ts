/**
 * Where each channel's secrets come from: the environment (LOCKOUT_<KIND>_<NAME>_<FIELD>: a webhook's URL and
 * KEY, an e-mail channel's URL, FROM and TO, a Slack channel's URL, an SNS channel's TOPIC) or a secrets file the
 * user names. Only the channel's name is ever stored or printed; a mistake names the variable or the file, line
 * and column, never the value.
 */
import { readFileSync, statSync } from 'node:fs';
import addressparser from 'nodemailer/lib/addressparser';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type YAMLMap } from 'yaml';
import { UserError } from '../cli/errors.js';
import { isLoopback, type AlertChannel, type ChannelKind } from './channels/channel.js';
import { emailChannel } from './channels/email.js';
import { slackChannel } from './channels/slack.js';
import { parseTopicArn, snsChannel } from './channels/sns.js';
import { webhookChannel } from './channels/webhook.js';

const channelName = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;

/** The channels asked for on the command line, by kind. */
export type ChannelNames = Partial<Record<ChannelKind, readonly string[]>>;

/** How the SNS channels reach AWS, as the scan does (--profile, --endpoint-url). */
export interface AwsAccess {
  profile?: string | undefined;
  endpointUrl?: string | undefined;
}

export const channelKinds: readonly ChannelKind[] = ['webhook', 'email', 'slack', 'sns'];

/** What each kind needs, in the environment and in the secrets file (under `section`). */
const needs: Record<ChannelKind, { section: string; fields: readonly string[] }> = {
  webhook: { section: 'webhooks', fields: ['url', 'key'] },
  email: { section: 'email', fields: ['url', 'from', 'to'] },
  slack: { section: 'slack', fields: ['url'] },
  sns: { section: 'sns', fields: ['topic'] },
};

/** LOCKOUT_WEBHOOK_OPS_URL for the webhook `ops` (and `on-call` → LOCKOUT_EMAIL_ON_CALL_TO). */
export function envName(kind: ChannelKind, channel: string, field: string): string {
  return `LOCKOUT_${kind.toUpperCase()}_${channel.toUpperCase().replace(/-/g, '_')}_${field.toUpperCase()}`;
}

export function checkChannelName(name: string, kind: ChannelKind = 'webhook'): string {
  if (!channelName.test(name))
    throw new UserError(
      `--${kind} ${name}: a channel name is letters, digits, - and _ (at most 40)`,
      'the name only labels the channel; where it sends comes from the environment or --secrets-file',
    );
  return name;
}

/** A value and where it came from, for a message that names the place and never the value. */
interface Given {
  value: string | string[];
  where: string;
}

type Fields = Map<string, Given>;

/** The channels named, each with its secrets from `secretsFile` (for the names it holds) or else from `env`. */
export function resolveChannels(
  names: ChannelNames,
  env: NodeJS.ProcessEnv,
  secretsFile?: string,
  warn: (message: string) => void = () => {},
  aws: AwsAccess = {},
): AlertChannel[] {
  for (const kind of channelKinds) for (const name of names[kind] ?? []) checkChannelName(name, kind);
  const fromFile = secretsFile === undefined ? undefined : readSecretsFile(secretsFile, warn);
  return channelKinds.flatMap((kind) =>
    [...new Set(names[kind] ?? [])].map((name) => {
      const fields = fromFile?.get(kind)?.get(name) ?? fromEnv(kind, name, env, secretsFile);
      return build(kind, name, fields, aws);
    }),
  );
}

function fromEnv(kind: ChannelKind, name: string, env: NodeJS.ProcessEnv, secretsFile?: string): Fields {
  const fields: Fields = new Map();
  const missing: string[] = [];
  for (const field of needs[kind].fields) {
    const variable = envName(kind, name, field);
    const value = env[variable];
    if (value) fields.set(field, { value, where: variable });
    else missing.push(variable);
  }
  if (missing.length > 0) {
    const all = needs[kind].fields.map((field) => envName(kind, name, field));
    throw new UserError(
      `${kind} channel ${name}: ${missing.join(' and ')} not set${secretsFile ? `, and ${secretsFile} does not name it` : ''}`,
      `set ${all.join(', ')} in the environment, or name a secrets file with --secrets-file`,
    );
  }
  return fields;
}

function text(fields: Fields, field: string): Given & { value: string } {
  const given = fields.get(field)!;
  return { value: Array.isArray(given.value) ? given.value.join(',') : given.value, where: given.where };
}

function build(kind: ChannelKind, name: string, fields: Fields, aws: AwsAccess): AlertChannel {
  switch (kind) {
    case 'webhook': {
      const url = text(fields, 'url');
      checkHttpUrl(url.value, url.where, 'webhook');
      return webhookChannel({ name, url: url.value, key: text(fields, 'key').value });
    }
    case 'slack': {
      const url = text(fields, 'url');
      checkHttpUrl(url.value, url.where, 'Slack webhook');
      return slackChannel({ name, url: url.value });
    }
    case 'email': {
      const url = text(fields, 'url');
      checkSmtpUrl(url.value, url.where);
      const from = addresses(text(fields, 'from'));
      if (from.length !== 1)
        throw new UserError(`${text(fields, 'from').where}: expected one sender address`);
      const toField = fields.get('to')!;
      const to = (Array.isArray(toField.value) ? toField.value : [toField.value]).flatMap((value) =>
        addresses({ value, where: toField.where }),
      );
      return emailChannel({ name, url: url.value, from: from[0]!, to });
    }
    case 'sns': {
      const topic = text(fields, 'topic');
      if (!parseTopicArn(topic.value))
        throw new UserError(
          `${topic.where}: not an SNS topic ARN`,
          'expected arn:aws:sns:REGION:ACCOUNT:TOPIC, as `aws sns list-topics` gives it',
        );
      return snsChannel({ name, topicArn: topic.value, profile: aws.profile, endpoint: aws.endpointUrl });
    }
  }
}

/** Comma-separated addresses ("Ops <ops@example.net>, ana@example.net"), each checked to be one. */
function addresses(given: { value: string; where: string }): string[] {
  const parsed = addressparser(given.value, { flatten: true });
  const found = parsed.flatMap((entry) => (entry.address ? [entry.address] : []));
  if (found.length === 0 || found.some((address) => !/^[^@\s]+@[^@\s]+$/.test(address)))
    throw new UserError(`${given.where}: expected e-mail addresses, separated by commas`);
  return found;
}

/**
 * HMAC proves who sent a message, not who can read it: a URL must be https, but for a receiver on this
 * machine (tests, a local relay).
 */
function checkHttpUrl(url: string, where: string, what: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UserError(`${where}: not a URL`);
  }
  if (parsed.username !== '' || parsed.password !== '') {
    // fetch refuses such a URL: every delivery would fail, round after round.
    throw new UserError(
      `${where}: a URL with a user name or password (user:password@) cannot be sent to`,
      what === 'webhook'
        ? 'the message is signed with the key (_KEY): drop the credentials from the URL, or put a token in its path'
        : 'drop the credentials from the URL',
    );
  }
  if (parsed.protocol === 'https:' || (parsed.protocol === 'http:' && isLoopback(parsed.hostname))) return;
  throw new UserError(
    `${where}: the ${what} URL must be https (http only to 127.0.0.1 or localhost)`,
    'alerts name your accounts and factors: they must not travel in clear',
  );
}

/** smtp:// (STARTTLS required when sending, but to this machine) or smtps://, with a host. */
function checkSmtpUrl(url: string, where: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UserError(`${where}: not a URL`, 'expected smtp://USER:PASSWORD@HOST:PORT or smtps://…');
  }
  if ((parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') || parsed.hostname === '')
    throw new UserError(
      `${where}: expected smtp://USER:PASSWORD@HOST:PORT or smtps://…`,
      'smtp:// sends only after STARTTLS (but to 127.0.0.1 or localhost); smtps:// is TLS from the start',
    );
}

/**
 * Reads the channels' secrets from a YAML (or JSON) file: `webhooks: { <name>: { url, key } }`,
 * `email: { <name>: { url, from, to } }`, `slack: { <name>: { url } }`, `sns: { <name>: { topic } }`. Warns, as
 * ssh does, when other users can read it (the secrets are used all the same: refusing would only stop the
 * alerts).
 */
export function readSecretsFile(
  file: string,
  warn: (message: string) => void = () => {},
): Map<ChannelKind, Map<string, Fields>> {
  const source = readFileSync(file, 'utf8');
  const mode = statSync(file).mode & 0o777;
  if (process.platform !== 'win32' && (mode & 0o077) !== 0)
    warn(`${file} can be read by other users (mode ${mode.toString(8)}): chmod 600 it`);
  const lines = new LineCounter();
  const document = parseDocument(source, { lineCounter: lines, prettyErrors: false });
  const at = (node: Node | null | undefined, offset?: number): string => {
    const position = lines.linePos(offset ?? node?.range?.[0] ?? 0);
    return `${file}:${position.line}:${position.col}`;
  };
  const [syntax] = document.errors;
  if (syntax)
    throw new UserError(`${at(null, syntax.pos[0])}: not valid YAML: ${syntax.message.split('\n')[0]}`);
  const root = document.contents;
  const sections = channelKinds.map((kind) => needs[kind].section);
  if (!isMap(root) || !sections.some((section) => root.has(section)))
    throw new UserError(
      `${at(isMap(root) ? root : null)}: expected one or more of ${sections.join(', ')}: each a map of channel names to their secrets`,
    );
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!sections.includes(key))
      throw new UserError(`${at(pair.key)}: ${key}: not a kind of channel (${sections.join(', ')})`);
  }
  const secrets = new Map<ChannelKind, Map<string, Fields>>();
  for (const kind of channelKinds) {
    const { section, fields } = needs[kind];
    const node = root.get(section, true);
    if (node === undefined) continue;
    if (!isMap(node))
      throw new UserError(
        `${at(node)}: ${section}: expected a map of channel names to { ${fields.join(', ')} }`,
      );
    const channels = new Map<string, Fields>();
    for (const pair of node.items) {
      const name = isScalar(pair.key) ? String(pair.key.value) : '';
      const entry = pair.value;
      if (!isMap(entry))
        throw new UserError(`${at(pair.key as Node)}: ${section}.${name}: expected { ${fields.join(', ')} }`);
      channels.set(name, readFields(entry, `${section}.${name}`, fields, kind === 'email', at));
    }
    secrets.set(kind, channels);
  }
  return secrets;
}

function readFields(
  entry: YAMLMap,
  path: string,
  fields: readonly string[],
  listOfRecipients: boolean,
  at: (node: Node | null | undefined) => string,
): Fields {
  const read: Fields = new Map();
  for (const field of fields) {
    const node = entry.get(field, true) as Node | undefined;
    const where = `${at(node ?? entry)}: ${path}.${field}`;
    // The recipients may be a list as well as a comma-separated string.
    if (listOfRecipients && field === 'to' && isSeq(node)) {
      const values = node.items.map((item) =>
        isScalar(item) && typeof item.value === 'string' ? item.value : '',
      );
      if (values.length === 0 || values.includes(''))
        throw new UserError(`${where}: expected a non-empty list of addresses`);
      read.set(field, { value: values, where });
      continue;
    }
    if (!isScalar(node) || typeof node.value !== 'string' || node.value === '')
      throw new UserError(`${where}: expected a non-empty string`);
    read.set(field, { value: node.value, where });
  }
  return read;
}
