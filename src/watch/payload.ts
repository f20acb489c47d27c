/** The message a channel receives for one round: its alerts worst first, with counts. Documented by
 * schema/watch-payload.schema.json. */
import { severities, type Severity } from '../checks/check.js';
import type { Alert, Change } from './compare.js';

export interface WatchPayload {
  version: 1;
  tool: { name: 'lockout'; version: string };
  round: { id: number; startedAt: string; asOf: string; mode: 'offline' | 'scan'; scope: string };
  /** Only in a webhook's parts of a message too large for one POST (channels/webhook.ts). */
  part?: { index: number; count: number } | undefined;
  /** The round's, in every part. */
  counts: Record<Change | Severity, number>;
  alerts: Alert[];
}

export function buildPayload(
  round: WatchPayload['round'],
  alerts: readonly Alert[],
  toolVersion: string,
): WatchPayload {
  const counts = Object.fromEntries(
    [...(['new', 'worsened', 'reminder', 'resolved'] as const), ...severities].map((name) => [name, 0]),
  ) as Record<Change | Severity, number>;
  for (const alert of alerts) {
    counts[alert.change] += 1;
    counts[alert.severity] += 1;
  }
  return { version: 1, tool: { name: 'lockout', version: toolVersion }, round, counts, alerts: [...alerts] };
}
