/**
 * The guard that keeps credentials out of the store: before anything is written, every key and string of the
 * scan and its findings is searched for what looks like an AWS access key id, a secret access key next to one
 * (or next to the word "secret"), or a session token. A match refuses the whole save; the error names where
 * the value was, never the value.
 */

export type CredentialKind = 'access-key-id' | 'secret-access-key' | 'session-token';

export interface CredentialMatch {
  kind: CredentialKind;
  /** Where in the value, e.g. `scan.accounts[0].contactInformation.value.name`. */
  path: string;
}

// Long-term (AKIA) and temporary (ASIA) access key ids: the prefix and 16 uppercase letters or digits.
const accessKeyId = /(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/;
// A secret access key: 40 characters of base64's alphabet, standing alone.
const secretShaped = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;
// STS session tokens begin with a few known base64 prefixes ("IQoJb3JpZ2lu" is "!\n\torigin").
const sessionTokenPrefix = /(?:IQoJb3JpZ2lu|FwoGZXIvYXdz|FQoGZXIvYXdz)[A-Za-z0-9/+=]{16,}/;
// A base64 run this long is no fact Lockout collects; session tokens are several hundred characters.
const longBase64 = /[A-Za-z0-9/+]{256,}={0,2}/;
const secretWord = /secret/i;
const secretKeyName = /secret|private.?key|password/i;
const tokenKeyName = /session.?token|security.?token/i;

/** Every place in `value` that looks like an AWS credential; `root` names the value in the paths. */
export function findCredentials(value: unknown, root = 'value'): CredentialMatch[] {
  const matches: CredentialMatch[] = [];
  walk(value, root, '', false, matches);
  return matches;
}

function walk(
  value: unknown,
  path: string,
  key: string,
  besideAccessKey: boolean,
  matches: CredentialMatch[],
): void {
  if (typeof value === 'string') {
    inspectString(value, path, key, besideAccessKey, matches);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item: unknown, index) => {
      walk(item, `${path}[${index}]`, key, false, matches);
    });
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const entries = Object.entries(value);
  // A secret stored beside an access key id, e.g. { accessKeyId: 'AKIA…', key: 'wJalr…' }.
  const holdsAccessKey = entries.some(([name, item]) => accessKeyId.test(name) || isAccessKeyString(item));
  for (const [name, item] of entries) {
    const itemPath = /^[A-Za-z_$][\w$]*$/.test(name) ? `${path}.${name}` : `${path}[${JSON.stringify(name)}]`;
    if (accessKeyId.test(name)) matches.push({ kind: 'access-key-id', path: `${itemPath} (the key)` });
    walk(item, itemPath, name, holdsAccessKey, matches);
  }
}

function isAccessKeyString(value: unknown): boolean {
  return typeof value === 'string' && accessKeyId.test(value);
}

function inspectString(
  text: string,
  path: string,
  key: string,
  besideAccessKey: boolean,
  matches: CredentialMatch[],
): void {
  const hasAccessKey = accessKeyId.test(text);
  if (hasAccessKey) matches.push({ kind: 'access-key-id', path });
  const secretContext = besideAccessKey || hasAccessKey || secretWord.test(text) || secretKeyName.test(key);
  if (secretContext && [...text.matchAll(secretShaped)].some(([token]) => looksRandom(token)))
    matches.push({ kind: 'secret-access-key', path });
  if (
    sessionTokenPrefix.test(text) ||
    longBase64.test(text) ||
    (tokenKeyName.test(key) && /[A-Za-z0-9/+=]{16,}/.test(text))
  )
    matches.push({ kind: 'session-token', path });
}

/**
 * Mixed case and digits or symbols: a hex digest (lowercase and digits) or an all-caps identifier of 40 characters
 * is not mistaken for a secret.
 */
function looksRandom(token: string): boolean {
  return /[a-z]/.test(token) && /[A-Z]/.test(token) && /[0-9/+]/.test(token);
}
