/** Problems found in an inventory file, each pinned to a file, line, column and field, and how to print them. */

import { safeText } from '../report/safe-text.js';

/** What kind of problem it is; tests and tools match on this rather than on the wording. */
export type InventoryIssueCode =
  | 'unreadable-file'
  | 'yaml-syntax'
  | 'json-syntax'
  | 'card-number'
  | 'credential'
  | 'invalid-value'
  | 'missing-key'
  | 'unknown-key'
  | 'duplicate-id'
  | 'unknown-reference'
  | 'wrong-reference-type'
  | 'dependency-cycle'
  | 'organization'
  | 'payment'
  | 'domain-placement'
  | 'mailbox';

export interface InventoryIssue {
  code: InventoryIssueCode;
  file: string;
  /** 1-based; 0 when the problem concerns the whole file (it cannot be read). */
  line: number;
  /** 1-based; 0 when the problem concerns the whole file. */
  column: number;
  /** The field, as `accounts[0].root.mfa[1].heldBy`; empty for the document itself or a comment. */
  path: string;
  message: string;
  hint?: string | undefined;
}

/** A path into the inventory as zod and the YAML document see it: keys and list indexes. */
export type FieldPath = readonly (string | number)[];

/** `['accounts', 0, 'root', 'mfa', 1, 'heldBy']` → `accounts[0].root.mfa[1].heldBy`. */
export function formatFieldPath(path: FieldPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? segment : `.${segment}`;
  }
  return text;
}

/**
 * `file:line:column: path: message`, then `  hint: …` when there is one. Paths and messages quote the owner's
 * keys and values, so control characters are removed: the terminal shows them, never obeys them.
 */
export function formatInventoryIssue(issue: InventoryIssue): string {
  const where = issue.line > 0 ? `${issue.file}:${issue.line}:${issue.column}` : issue.file;
  const field = issue.path === '' ? '' : `${issue.path}: `;
  const first = `${where}: ${field}${issue.message}`;
  return safeText(issue.hint === undefined ? first : `${first}\n  hint: ${issue.hint}`);
}

/** All issues, one block each, ending with a newline. */
export function formatInventoryIssues(issues: readonly InventoryIssue[]): string {
  return issues.map((issue) => `${formatInventoryIssue(issue)}\n`).join('');
}
