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
    for (const { path, day, factorId } of verifiedDays(inventory, [])) {
      if (day <= limit) continue;
      drafts.push({
        path,
        factors: factorId === undefined ? [] : [factorId],
        message: `${formatFieldPath(path)} says verified on ${day}, after ${limit}: a check cannot be in the future; write the day it was checked.`,
      });
    }
    return drafts;
  },
});

/** Every `verified` day in the inventory, with its path and the factor it belongs to, if any. */
function* verifiedDays(
  value: unknown,
  path: FieldPath,
  factorId?: string,
): Generator<{ path: FieldPath; day: Day; factorId: string | undefined }> {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) yield* verifiedDays(item, [...path, index], factorId);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  // A factor is an item of a list under `factors`: its id names it.
  const ownId =
    path[0] === 'factors' && path.length === 3 && typeof record.id === 'string' ? record.id : factorId;
  for (const [key, item] of Object.entries(record)) {
    if (key === 'verified' && typeof item === 'string')
      yield { path: [...path, key], day: item, factorId: ownId };
    else yield* verifiedDays(item, [...path, key], ownId);
  }
}
