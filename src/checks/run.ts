/**
 * Runs checks over a context and completes their drafts into findings: metadata, account, and where the
 * evidence is declared in the inventory file.
 */

import type { InventorySource } from '../inventory/source.js';
import type { Check, CheckContext, Finding } from './check.js';

export function runChecks(
  checks: readonly Check[],
  context: CheckContext,
  source?: InventorySource,
): Finding[] {
  const findings: Finding[] = [];
  for (const check of checks) {
    for (const draft of check.run(context)) {
      const position = source && draft.path ? source.locate(draft.path) : undefined;
      findings.push({
        checkId: check.meta.id,
        severity: draft.severity ?? check.meta.severity,
        title: check.meta.title,
        accountId: draft.account?.id,
        accountName: draft.account?.name,
        message: draft.message,
        factors: draft.factors ?? [],
        why: check.meta.why,
        fix: draft.fix ?? check.meta.fix,
        docs: draft.docs ?? check.meta.docs,
        location:
          position && source
            ? { file: source.file, line: position.line, column: position.column }
            : undefined,
      });
    }
  }
  return findings;
}
