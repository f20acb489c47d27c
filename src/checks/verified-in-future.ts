/**
 * A `verified` date that has not come yet: a typo, or a date written ahead. A check cannot be in the future. The
 * limit is today (or the day judged, when later): replaying a past day with --as-of, dates written since are
 * not mistakes.
 */
import type { FieldPath } from '../inventory/issues.js';
import { formatFieldPath } from '../inventory/issues.js';
import type { Day } from '../model/inventory.js';
import { defineCheck, type FindingDraft } from './check.js';

export const verifiedInFuture = defineCheck({
  meta: {
    id: 'verified-in-future',
    severity: 'low',
    title: 'A verified date after the day judged',
    why:
      'Lockout trusts a fact as far as its last check: a `verified` day that has not come yet makes a stale fact ' +
      'look freshly checked, and reminders to check it again never come.',
    fix: 'Write the day you actually checked the fact (today or earlier), or remove `verified` until you do.',
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/root-user-best-practices.html',
  },
  run({ inventory, asOf }) {
    const today = new Date().toISOString().slice(0, 10);
    const limit = asOf > today ? asOf : today;
    const drafts: FindingDraft[] = [];
    visitVerifiedDays(inventory, [], undefined, (path, day, factorId) => {
      if (day <= limit) return;
      drafts.push({
        path: [...path],
        factors: factorId === undefined ? [] : [factorId],
        message: `${formatFieldPath(path)} says verified on ${day}, after ${limit}: a check cannot be in the future; write the day it was checked.`,
      });
    });
    return drafts;
  },
});

/**
 * Calls `found` with every `verified` day in the inventory, its path and the factor it belongs to, if any. One
 * path list, grown and shrunk along the walk (`found` copies what it keeps): a copy for every node of an
 * Organization's inventory was 150 MB of garbage, and one for every day, tens of thousands of lists.
 */
function visitVerifiedDays(
  value: unknown,
  path: (string | number)[],
  factorId: string | undefined,
  found: (path: FieldPath, day: Day, factorId: string | undefined) => void,
): void {
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      path.push(index);
      visitVerifiedDays(value[index], path, factorId, found);
      path.pop();
    }
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  // A factor is an item of a list under `factors`: its id names it.
  const ownId =
    path[0] === 'factors' && path.length === 3 && typeof record.id === 'string' ? record.id : factorId;
  for (const key in record) {
    const item = record[key];
    // Only days and what holds more fields are worth a step: most values (ids, names, kinds) are neither.
    if (typeof item !== 'object' || item === null) {
      if (key === 'verified' && typeof item === 'string') {
        path.push(key);
        found(path, item, ownId);
        path.pop();
      }
      continue;
    }
    path.push(key);
    visitVerifiedDays(item, path, ownId, found);
    path.pop();
  }
}
