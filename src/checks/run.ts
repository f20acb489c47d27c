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
    for (const draft of check.run(context)) {
      const position = source && draft.path ? source.locate(draft.path) : undefined;
      const outside = outsideAccountOf(context, draft.path);
      findings.push({
        checkId: check.meta.id,
        severity: draft.severity ?? check.meta.severity,
        title: check.meta.title,
        accountId: draft.account?.id,
        accountName: draft.account?.name,
        ...(outside && { outsideAccountId: outside.id, outsideAccountName: outsideAccountLabel(outside) }),
        message: draft.message,
        factors: draft.factors ?? [],
        why: check.meta.why,
        fix: draft.fix ?? check.meta.fix,
        docs: draft.docs ?? check.meta.docs,
        location:
          position && file !== undefined ? { file, line: position.line, column: position.column } : undefined,
      });
    }
  }
  return findings;
}

/** The outside account a finding's evidence is declared in (`outsideAccounts[i]…`), for reports to name. */
function outsideAccountOf(context: CheckContext, path: FieldPath | undefined): OutsideAccount | undefined {
  if (path?.[0] !== 'outsideAccounts' || typeof path[1] !== 'number') return undefined;
  return context.inventory.outsideAccounts?.[path[1]];
}
