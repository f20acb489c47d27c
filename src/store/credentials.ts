/**
 * What looks like a credential, wherever a value goes that Lockout keeps or prints: AWS access key ids (any
 * case), secret access keys (with or without a key id or the word "secret" near them), session tokens, GitHub
 * tokens, private keys and passwords. The inventory refuses them when it is read; the store keeps a copy with
 * them removed. Matches name where the value was, never the value.
 */

export type CredentialKind =
  | 'access-key-id'
  | 'secret-access-key'
  | 'session-token'
  | 'github-token'
  | 'private-key'
  | 'password'
  | 'webhook-url';

export interface CredentialMatch {
  kind: CredentialKind;
  /** Where in the value, e.g. `scan.accounts[0].contactInformation.value.name`. */
  path: string;
}

/** Where a credential sits in one string: its offset and length, never its characters. */
export interface CredentialSpan {
  kind: CredentialKind;
  offset: number;
  length: number;
}

/** What is around a string: the name of its field, and whether an access key id sits beside it. */
export interface CredentialContext {
  key?: string | undefined;
  besideAccessKey?: boolean | undefined;
}

/** The kind of credential in the owner's words, for messages. */
export const credentialNames: Record<CredentialKind, string> = {
  'access-key-id': 'an AWS access key id',
  'secret-access-key': 'an AWS secret access key',
  'session-token': 'an AWS session token',
  'github-token': 'a GitHub token',
  'private-key': 'a private key',
  password: 'a password',
  'webhook-url': 'a webhook URL with its key in it',
};

// Long-term (AKIA) and temporary (ASIA) access key ids: the prefix and 16 letters or digits, all in one case
// (a key id lowercased whole is still one; "AsiaPacificOffice…" is a word).
const accessKeyIds = [
  /(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/g,
  /(?<![a-z0-9])(?:akia|asia)[a-z0-9]{16}(?![a-z0-9])/g,
];
// A secret access key: 40 characters of base64's alphabet, standing alone.
const secretShaped = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;
// STS session tokens begin with a few known base64 prefixes ("IQoJb3JpZ2lu" is "!\n\torigin").
const sessionTokenPrefix = /(?:IQoJb3JpZ2lu|FwoGZXIvYXdz|FQoGZXIvYXdz)[A-Za-z0-9/+=]{16,}/g;
// A base64 run this long is no fact Lockout collects; session tokens are several hundred characters.
const longBase64 = /[A-Za-z0-9/+]{256,}={0,2}/g;
// Classic GitHub tokens (personal, OAuth, user-to-server, server-to-server, refresh) and fine-grained ones.
const githubToken = /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})/g;
// Webhook URLs whose path is the key: anyone holding one posts to the channel (each page read 2026-12-05).
// Slack's incoming webhooks ("a unique URL", https://hooks.slack.com/services/T…/B…/…,
// https://api.slack.com/messaging/webhooks) and workflow triggers; Discord's, which need no other authentication
// (/api/webhooks/{id}/{token}, https://docs.discord.com/developers/resources/webhook); Microsoft Teams' incoming
// webhooks ("a unique URL", …webhook.office.com/webhookb2/…,
// https://learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/add-incoming-webhook).
const webhookUrl =
  /https?:\/\/(?:hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9/_-]+|(?:[a-z]+\.)?discord(?:app)?\.com\/api\/webhooks\/\d+\/[A-Za-z0-9_-]+|[A-Za-z0-9.-]+\.webhook\.office\.com\/webhookb2\/[^\s"'<>]+)/g;
// The armour line of a PEM or OpenSSH private key, of any algorithm ("RSA", "EC", "OPENSSH", "ENCRYPTED", PGP).
const privateKeyHeader = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g;
// "password: Hunter2!", "pwd=…": the value after it, when it is one word that looks like a password.
const passwordWritten = /\b(?:password|passwd|passphrase|pwd)[ \t]*[:=][ \t]*([^\s,;]{6,})/gi;
const secretWord = /secret/i;
const secretKeyName = /secret|private.?key|password/i;
const tokenKeyName = /session.?token|security.?token/i;
// A field named for a password ("password", "dbPassphrase", "root_pwd"), not one about it ("passwordLastUsed").
const passwordKeyName = /(?:pass(?:word|wd|phrase|code)|(?:^|[-_])pwd)$/i;

/**
 * The shortest text `findCredentialsInText` can find anything in, given the name of its field: a field named
 * for a password holds one whatever its length, and anything else needs "pwd:" and six characters. Lets a caller
 * with many short values (an inventory's ids and dates) skip them without a call.
 */
export function shortestCredential(key: string): number {
  return passwordKeyName.test(key) ? 1 : 10;
}

/** Every credential in one string. */
export function findCredentialsInText(text: string, context: CredentialContext = {}): CredentialSpan[] {
  const key = context.key ?? '';
  // The shortest credential written out is "pwd:" and six characters; most values (ids, dates) are shorter.
  if (text.length < 10 && !passwordKeyName.test(key)) return [];
  const spans: CredentialSpan[] = [];
  const add = (
    kind: CredentialKind,
    regex: RegExp,
    keep: (match: RegExpExecArray) => boolean = () => true,
  ): void => {
    // exec, not matchAll: matchAll copies the expression on every call, most of the cost on a short value (an
    // inventory has tens of thousands). Every expression here matches at least one character.
    regex.lastIndex = 0;
    for (let match = regex.exec(text); match !== null; match = regex.exec(text)) {
      if (keep(match)) spans.push({ kind, offset: match.index, length: match[0].length });
    }
  };
  for (const regex of accessKeyIds) add('access-key-id', regex);
  const hasAccessKey = spans.length > 0;
  const secretContext =
    context.besideAccessKey === true || hasAccessKey || secretWord.test(text) || secretKeyName.test(key);
  // Both need 40 characters of base64's alphabet in a row, which a large text (an inventory) seldom has: looking
  // for such a run by hand costs a fraction of either expression.
  const base64Run = hasBase64Run(text, 40);
  if (base64Run) {
    add('secret-access-key', secretShaped, ([token]) =>
      secretContext ? looksRandom(token) : looksAwsRandom(token),
    );
  }
  add('session-token', sessionTokenPrefix);
  // As mixed as base64 is: a long name of a letter or two is no token.
  if (base64Run && hasBase64Run(text, 256)) add('session-token', longBase64, ([run]) => looksRandom(run));
  if (tokenKeyName.test(key) && /[A-Za-z0-9/+=]{16,}/.test(text))
    spans.push({ kind: 'session-token', offset: 0, length: text.length });
  add('github-token', githubToken);
  add('private-key', privateKeyHeader);
  add('webhook-url', webhookUrl);
  if (passwordKeyName.test(key) && text.trim() !== '')
    spans.push({ kind: 'password', offset: 0, length: text.length });
  passwordWritten.lastIndex = 0;
  for (let match = passwordWritten.exec(text); match !== null; match = passwordWritten.exec(text)) {
    const word = match[1]!.replace(/[.)]+$/, '');
    if (word.length >= 6 && looksLikePassword(word))
      spans.push({
        kind: 'password',
        offset: match.index + match[0].length - match[1]!.length,
        length: word.length,
      });
  }
  return spans.sort((a, b) => a.offset - b.offset);
}

/**
 * Whether a text has `length` characters of `[A-Za-z0-9/+]` in a row. From where a run may start, the last
 * character outside the alphabet among the next `length` says where the next one may start: most of a large text
 * (an inventory, 5.6 MB) is short words, skipped without reading each character (2 ms instead of 22).
 */
function hasBase64Run(text: string, length: number): boolean {
  let start = 0;
  while (start + length <= text.length) {
    let outside = start + length - 1;
    while (outside >= start && inBase64Alphabet(text.charCodeAt(outside))) outside--;
    if (outside < start) return true;
    start = outside + 1;
  }
  return false;
}

function inBase64Alphabet(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    code === 0x2b ||
    code === 0x2f
  );
}

/** Every place in `value` that looks like a credential; `root` names the value in the paths. */
export function findCredentials(value: unknown, root = 'value'): CredentialMatch[] {
  return redactCredentials(value, root).matches;
}

/**
 * A copy of `value` with every credential replaced by `[kind removed]` (in keys too), and where each was. The
 * copy has the same shape: only the text inside strings and keys changes.
 */
export function redactCredentials<T>(value: T, root = 'value'): { value: T; matches: CredentialMatch[] } {
  const matches: CredentialMatch[] = [];
  const redacted = inspect(value, root, '', false, matches);
  return { value: redacted as T, matches };
}

/** The text with every span replaced; overlapping spans are removed as one. */
export function redactSpans(text: string, spans: readonly CredentialSpan[]): string {
  let out = '';
  let at = 0;
  for (const span of [...spans].sort((a, b) => a.offset - b.offset)) {
    const end = span.offset + span.length;
    if (end <= at) continue;
    out += `${text.slice(at, Math.max(at, span.offset))}${span.offset >= at ? `[${span.kind} removed]` : ''}`;
    at = end;
  }
  return out + text.slice(at);
}

function inspect(
  value: unknown,
  path: string,
  key: string,
  besideAccessKey: boolean,
  matches: CredentialMatch[],
): unknown {
  if (typeof value === 'string') {
    const spans = findCredentialsInText(value, { key, besideAccessKey });
    for (const kind of new Set(spans.map((span) => span.kind))) matches.push({ kind, path });
    return spans.length === 0 ? value : redactSpans(value, spans);
  }
  if (Array.isArray(value)) {
    return value.map((item: unknown, index) => inspect(item, `${path}[${index}]`, key, false, matches));
  }
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value);
  // A secret stored beside an access key id, e.g. { accessKeyId: 'AKIA…', key: 'wJalr…' }.
  const holdsAccessKey = entries.some(
    ([name, item]) => hasAccessKeyId(name) || (typeof item === 'string' && hasAccessKeyId(item)),
  );
  const copy: Record<string, unknown> = {};
  for (const [name, item] of entries) {
    const nameSpans = findCredentialsInText(name);
    const shownName = nameSpans.length === 0 ? name : redactSpans(name, nameSpans);
    const itemPath = /^[A-Za-z_$][\w$]*$/.test(shownName)
      ? `${path}.${shownName}`
      : `${path}[${JSON.stringify(shownName)}]`;
    for (const kind of new Set(nameSpans.map((span) => span.kind)))
      matches.push({ kind, path: `${itemPath} (the key)` });
    copy[shownName] = inspect(item, itemPath, name, holdsAccessKey, matches);
  }
  return copy;
}

function hasAccessKeyId(text: string): boolean {
  return accessKeyIds.some((regex) => text.match(regex) !== null);
}

/**
 * Mixed case and digits or symbols: beside a key id or the word "secret", a hex digest (lowercase and digits)
 * or an all-caps identifier of 40 characters is not mistaken for a secret.
 */
function looksRandom(token: string): boolean {
  return /[a-z]/.test(token) && /[A-Z]/.test(token) && /[0-9/+]/.test(token);
}

/**
 * Standing alone, a 40-character token counts as a secret access key when it is as mixed as random base64 is
 * (about 16 capitals, 16 small letters and 7 digits or symbols in a real key; at least 5, 5 and 2 miss one key
 * in 400): identifiers like "OrganizationAccountAccessRoleForAuditing" have no digits.
 */
function looksAwsRandom(token: string): boolean {
  const count = (pattern: RegExp): number => token.match(pattern)?.length ?? 0;
  return count(/[A-Z]/g) >= 5 && count(/[a-z]/g) >= 5 && count(/[0-9/+]/g) >= 2;
}

/**
 * A written password has a digit or a symbol: "Hunter2!", "s3cr3t-Value". Words and names of password
 * managers are where one is kept, not one: "vault", "KeePass", "1Password".
 */
function looksLikePassword(word: string): boolean {
  return /[^A-Za-z]/.test(word) && !/^\d?[A-Za-z]+$/.test(word);
}
