// The inventory the channel tests watch, and the change they make between rounds: the management account's
// second root MFA key taken out of examples/small-team.yaml.
import { readFileSync } from 'node:fs';
import type { Database } from 'better-sqlite3';

export const smallTeam = readFileSync(new URL('../../examples/small-team.yaml', import.meta.url), 'utf8');

const secondRootKey = `        - type: fido
          heldBy: key-ren
          verified: 2025-05-12
      verified: 2025-05-12
    contactPhone: office-number
    # Billing mail`;

/** small-team.yaml with root left on one MFA device (Mika's YubiKey). */
export function withoutSecondRootKey(): string {
  if (!smallTeam.includes(secondRootKey))
    throw new Error('examples/small-team.yaml changed: update the fixture');
  return smallTeam.replace(secondRootKey, secondRootKey.split('\n').slice(3).join('\n'));
}

/** The alert the removal raises: a finding on the management account's remaining key. */
export const singleDeviceKey = 'finding:root-single-mfa-device:444455556666:key-mika';

/**
 * "6 new, 1 resolved": the counts a message's subject names for these alerts. Removing a root key makes a new
 * single device finding and, with it, new single points and lockout sets of two: the count is the round's.
 */
export function countsOf(alerts: readonly { change: string }[]): string {
  const order = ['new', 'worsened', 'reminder', 'resolved'];
  return order
    .map((change) => [change, alerts.filter((alert) => alert.change === change).length] as const)
    .filter(([, count]) => count > 0)
    .map(([change, count]) => `${count} ${change}`)
    .join(', ');
}

/** A watch round written straight into an older store (for the migration tests), on the morning of `asOf`. */
export function insertRound(db: Database, asOf: string): number {
  return Number(
    db
      .prepare(
        "INSERT INTO watch_rounds (scope, mode, started_at, as_of, tool_version) VALUES ('s', 'offline', ?, ?, '0')",
      )
      .run(`${asOf}T08:00:00Z`, asOf).lastInsertRowid,
  );
}
