/**
 * Runs checks over a context and completes their drafts into findings: metadata, account, and where the
 * evidence is declared in the inventory file.
 */

import type { InventorySource } from '../inventory/source.js';
import { outsideAccountLabel, type OutsideAccount } from '../model/inventory.js';
import type { FieldPath } from '../inventory/issues.js';
import type { Check, CheckContext, Finding } from './check.js';

export function runChecks(
  checks: readonly Check[],
  context: CheckContext,
  source?: InventorySource,
  /** The file locations name: the source's own, unless the caller names it as the user gave it. */
  file = source?.file,
): Finding[] {
  const findings: Finding[] = [];
  for (const check of checks) {
    const { meta } = check;
    for (const draft of check.run(context)) {
      const position = source && draft.path ? source.locate(draft.path) : undefined;
      // One literal for every finding: a spread of the outside account's fields in the middle of it took
      // four times as long as the rest of the finding at 10,000 accounts.
      const finding: Finding = {
        checkId: meta.id,
        severity: draft.severity ?? meta.severity,
        title: meta.title,
        accountId: draft.account?.id,
        accountName: draft.account?.name,
        message: draft.message,
        factors: draft.factors ?? [],
        why: meta.why,
        fix: draft.fix ?? meta.fix,
        docs: draft.docs ?? meta.docs,
        location:
          position && file !== undefined ? { file, line: position.line, column: position.column } : undefined,
      };
      const outside = outsideAccountOf(context, draft.path);
      findings.push(outside === undefined ? finding : aboutOutsideAccount(finding, outside));
    }
  }
  return findings;
}

/** The outside account a finding's evidence is declared in (`outsideAccounts[i]…`), for reports to name. */
function outsideAccountOf(context: CheckContext, path: FieldPath | undefined): OutsideAccount | undefined {
  if (path?.[0] !== 'outsideAccounts' || typeof path[1] !== 'number') return undefined;
  return context.inventory.outsideAccounts?.[path[1]];
}

/** The finding naming its outside account after the AWS account, the order its fields are written in. */
function aboutOutsideAccount(finding: Finding, outside: OutsideAccount): Finding {
  const { message, factors, why, fix, docs, location, ...about } = finding;
  return {
    ...about,
    outsideAccountId: outside.id,
    outsideAccountName: outsideAccountLabel(outside),
    message,
    factors,
    why,
    fix,
    docs,
    location,
  };
}
