/**
 * What an inventory must never hold: a full payment card number or a credential. Both are looked for twice:
 * in the text as written (so comments and files that do not parse are covered) and in every scalar as YAML
 * reads it (so escapes such as "\x34…", folded lines and hexadecimal numbers are too). Each is refused at its
 * file:line:column and field, and nothing of it is repeated back.
 */
import { isAlias, isMap, isScalar, isSeq, type Document } from 'yaml';
import {
  credentialNames,
  findCredentialsInText,
  redactSpans,
  shortestCredential,
} from '../store/credentials.js';
import { findCardNumbers, MIN_CARD_TEXT, redactCardNumbers } from './card-numbers.js';
import { formatFieldPath, type InventoryIssue } from './issues.js';
import type { InventorySource } from './source.js';

/** The issues an inventory's secrets raise, before anything else is checked. */
export function secretIssues(
  text: string,
  document: Document.Parsed,
  source: InventorySource,
): InventoryIssue[] {
  const issues: InventoryIssue[] = [];
  const at = (offset: number): Pick<InventoryIssue, 'file' | 'line' | 'column' | 'path'> => ({
    file: source.file,
    ...source.position(offset),
    path: formatFieldPath(source.pathAt(offset)),
  });
  const card = (offset: number): void => {
    issues.push({
      code: 'card-number',
      ...at(offset),
      message: 'this looks like a full payment card number; Lockout keeps only the last four digits',
      hint: 'delete it, and describe the card with lastFour: "NNNN" and expires: YYYY-MM',
    });
  };
  const credential = (offset: number, kind: keyof typeof credentialNames): void => {
    issues.push({
      code: 'credential',
      ...at(offset),
      message: `this looks like ${credentialNames[kind]}; Lockout never keeps credentials`,
      hint:
        kind === 'webhook-url'
          ? 'delete it, and put the URL in the environment (LOCKOUT_SLACK_<NAME>_URL for a slack channel, LOCKOUT_WEBHOOK_<NAME>_URL for a webhook): the inventory names the channel, never its key'
          : 'delete it, and note where the credential is kept (a password manager, a safe), never the credential itself',
    });
  };

  const cards = findCardNumbers(text);
  const credentials = findCredentialsInText(text);
  for (const span of cards) card(span.offset);
  for (const span of credentials) credential(span.offset, span.kind);

  // A scalar whose written text already showed the secret is named there, at the secret itself.
  const shown = (spans: readonly { offset: number }[], range: readonly number[]): boolean =>
    spans.some((span) => span.offset >= range[0]! && span.offset < range[1]!);
  // Each scalar, keys included; a value with the name of its field, as `password: …` is a password whatever
  // it looks like. Walked by hand: yaml's visit() costs more than the checks on a large Organization.
  const walk = (node: unknown, field: string): void => {
    if (isAlias(node)) return; // its anchor is walked where it is defined
    if (isMap(node)) {
      for (const pair of node.items) {
        walk(pair.key, '');
        walk(pair.value, isScalar(pair.key) ? String(pair.key.value) : '');
      }
    } else if (isSeq(node)) {
      for (const item of node.items) walk(item, field);
    } else if (isScalar(node)) {
      const range = node.range;
      const value: unknown = node.value;
      const read = scalarText(value);
      if (read === undefined || range === undefined || range === null) return;
      if (!shown(cards, range) && findCardNumbers(read).length > 0) card(range[0]);
      const found = findCredentialsInText(read, { key: field });
      if (!shown(credentials, range) && found.length > 0) credential(range[0], found[0]!.kind);
    }
  };
  walk(document.contents, '');
  return issues;
}

/** Whether an issue is one of these: other complaints about the same value are dropped, as they may quote it. */
export function isSecretIssue(issue: InventoryIssue): boolean {
  return issue.code === 'card-number' || issue.code === 'credential';
}

/** Text with every card number and credential replaced, for messages that quote what the owner wrote. */
export function scrubSecrets(text: string): string {
  const withoutCards = redactCardNumbers(text);
  return redactSpans(withoutCards, findCredentialsInText(withoutCards));
}

/**
 * Whether text that parsed without positions holds a card number or a credential, looked for as `secretIssues`
 * does: in the text as written (comments included), then in each key and value as read, a value with the name of
 * its field (`valuesHoldSecrets`, or the fast check's walk). When it does, the loader parses again with positions
 * to say where.
 */
export function textHoldsSecrets(text: string): boolean {
  return findCardNumbers(text).length > 0 || findCredentialsInText(text).length > 0;
}

/** The shortest value either scanner can find anything in, given the name of its field. */
export function shortestSecret(field: string): number {
  return Math.min(MIN_CARD_TEXT, shortestCredential(field));
}

/**
 * Whether one key or value as read holds a card number or a credential, given the name of its field (`''` for a
 * key, or a value outside any mapping); `shortest` is `shortestSecret(field)`, passed by callers that keep it.
 */
export function valueHoldsSecret(read: string, field: string, shortest = shortestSecret(field)): boolean {
  if (read.length < shortest) return false;
  return findCardNumbers(read).length > 0 || findCredentialsInText(read, { key: field }).length > 0;
}

/** Whether any key or value of the read data holds a card number or a credential. */
export function valuesHoldSecrets(data: unknown): boolean {
  // An Organization repeats the same values (holders, mailboxes, places) thousands of times: each is looked at
  // once per field name, the only context the scanners take besides the value; and most are ids and dates too
  // short for either scanner, skipped before any lookup.
  const seen = new Map<string, { shortest: number; looked: Set<string> }>();
  const contextOf = (field: string): { shortest: number; looked: Set<string> } => {
    let context = seen.get(field);
    if (context === undefined) {
      context = { shortest: shortestSecret(field), looked: new Set() };
      seen.set(field, context);
    }
    return context;
  };
  const holds = (value: unknown, field: string): boolean => {
    if (Array.isArray(value)) {
      const list: unknown[] = value;
      for (const item of list) if (holds(item, field)) return true;
      return false;
    }
    if (typeof value === 'object' && value !== null) {
      for (const key of Object.keys(value)) {
        if (holds(key, '') || holds((value as Record<string, unknown>)[key], key)) return true;
      }
      return false;
    }
    const read = scalarText(value);
    if (read === undefined) return false;
    const context = contextOf(field);
    if (read.length < context.shortest || context.looked.has(read)) return false;
    context.looked.add(read);
    return valueHoldsSecret(read, field, context.shortest);
  };
  return holds(data, '');
}

/** A scalar as the secret scans read it: a string as it is, a number as written; nothing for the rest. */
export function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  return typeof value === 'number' || typeof value === 'bigint' ? String(value) : undefined;
}
