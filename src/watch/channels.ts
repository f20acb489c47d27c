/**
 * Where a webhook channel's URL and key come from: the environment (LOCKOUT_WEBHOOK_<NAME>_URL and _KEY) or a
 * secrets file the user names. Only the channel's name is ever stored or printed; a mistake names the
 * variable or the file, line and column, never the value.
 */
import { readFileSync, statSync } from 'node:fs';
import { isMap, isScalar, LineCounter, parseDocument, type Node } from 'yaml';
import { UserError } from '../cli/errors.js';
import type { WatchChannel } from './webhook.js';

const channelName = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;

/** LOCKOUT_WEBHOOK_OPS_URL for the channel `ops` (and `on-call` → LOCKOUT_WEBHOOK_ON_CALL_URL). */
export function envName(channel: string, field: 'URL' | 'KEY'): string {
  return `LOCKOUT_WEBHOOK_${channel.toUpperCase().replace(/-/g, '_')}_${field}`;
}

export function checkChannelName(name: string): string {
  if (!channelName.test(name))
    throw new UserError(
      `--webhook ${name}: a channel name is letters, digits, - and _ (at most 40)`,
      'the name only labels the channel; its URL and key come from the environment or --secrets-file',
    );
  return name;
}

/**
 * HMAC proves who sent a message, not who can read it: a URL must be https, but for a receiver on this
 * machine (tests, a local relay).
 */
function checkUrl(url: string, where: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UserError(`${where}: not a URL`);
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
  if (parsed.protocol === 'https:' || (parsed.protocol === 'http:' && loopback)) return;
  throw new UserError(
    `${where}: the webhook URL must be https (http only to 127.0.0.1 or localhost)`,
    'alerts name your accounts and factors: they must not travel in clear',
  );
}

/** The channels named, each with its URL and key from `secrets` (a file's) or else from `env`. */
export function resolveChannels(
  names: readonly string[],
  env: NodeJS.ProcessEnv,
  secretsFile?: string,
  warn: (message: string) => void = () => {},
): WatchChannel[] {
  for (const name of names) checkChannelName(name);
  const fromFile = secretsFile === undefined ? new Map<string, Secret>() : readSecretsFile(secretsFile, warn);
  return [...new Set(names)].map((name) => {
    const secret = fromFile.get(name);
    if (secret) {
      checkUrl(secret.url, secret.urlWhere);
      return { name, url: secret.url, key: secret.key };
    }
    const urlVar = envName(name, 'URL');
    const keyVar = envName(name, 'KEY');
    const url = env[urlVar];
    const key = env[keyVar];
    if (!url || !key) {
      const missing = [!url ? urlVar : undefined, !key ? keyVar : undefined].filter(Boolean).join(' and ');
      throw new UserError(
        `webhook channel ${name}: ${missing} not set${secretsFile ? `, and ${secretsFile} does not name it` : ''}`,
        `set ${urlVar} and ${keyVar} in the environment, or name a secrets file with --secrets-file`,
      );
    }
    checkUrl(url, urlVar);
    return { name, url, key };
  });
}

interface Secret {
  url: string;
  key: string;
  urlWhere: string;
}

/**
 * Reads `webhooks: { <name>: { url, key } }` from a YAML (or JSON) file; warns, as ssh does, when other users
 * can read it (the keys are used all the same: refusing would only stop the alerts).
 */
export function readSecretsFile(
  file: string,
  warn: (message: string) => void = () => {},
): Map<string, Secret> {
  const text = readFileSync(file, 'utf8');
  const mode = statSync(file).mode & 0o777;
  if (process.platform !== 'win32' && (mode & 0o077) !== 0)
    warn(`${file} can be read by other users (mode ${mode.toString(8)}): chmod 600 it`);
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const at = (node: Node | null | undefined, offset?: number): string => {
    const position = lines.linePos(offset ?? node?.range?.[0] ?? 0);
    return `${file}:${position.line}:${position.col}`;
  };
  const [syntax] = document.errors;
  if (syntax)
    throw new UserError(`${at(null, syntax.pos[0])}: not valid YAML: ${syntax.message.split('\n')[0]}`);
  const secrets = new Map<string, Secret>();
  const root = document.contents;
  const webhooks = isMap(root) ? root.get('webhooks', true) : undefined;
  if (!isMap(webhooks))
    throw new UserError(
      `${at(isMap(root) ? root : null)}: webhooks: expected a map of channel names to { url, key }`,
    );
  for (const pair of webhooks.items) {
    const name = isScalar(pair.key) ? String(pair.key.value) : '';
    const entry = pair.value;
    if (!isMap(entry))
      throw new UserError(`${at(pair.key as Node)}: webhooks.${name}: expected { url, key }`);
    const field = (key: 'url' | 'key'): string => {
      const node = entry.get(key, true);
      if (!isScalar(node) || typeof node.value !== 'string' || node.value === '')
        throw new UserError(`${at(node ?? entry)}: webhooks.${name}.${key}: expected a non-empty string`);
      return node.value;
    };
    const url = field('url');
    const urlNode = entry.get('url', true) as Node;
    secrets.set(name, { url, key: field('key'), urlWhere: `${at(urlNode)}: webhooks.${name}.url` });
  }
  return secrets;
}
