/**
 * What the owner declared and what AWS shows disagree: a root MFA device nobody declared (who holds it?),
 * declared MFA that AWS does not see, a contact phone that is none of the owner's numbers, another root email
 * or Organization role; outside AWS, an owner or admin not declared or not seen, a second step declared one way
 * and seen the other. Live facts win in the analysis; this says so, so the inventory gets fixed.
 */

import { idOf, keyedBy } from '../model/keyed-lists.js';
import { defineCheck, type FindingDraft, type Severity } from './check.js';
import { reportsRootMfaOff } from './root-mfa-off.js';
import { scannedAccounts } from './scanned-accounts.js';

/** AWS's contradictions by field; the outside scans' come with their own severity (outsideSeverity). */
const severityByField: Record<string, Severity> = {
  'root.mfa': 'high',
  contactPhone: 'high',
  'root.email': 'medium',
  organization: 'medium',
};

export const inventoryContradicted = defineCheck({
  meta: {
    id: 'inventory-contradicted',
    severity: 'medium',
    title: 'The inventory says one thing and a scan shows another',
    why: 'A lockout analysis is only as good as the facts behind it: an MFA device no one admits to holding, or a contact number that is not yours, is exactly the link that fails on the day you need root.',
    fix: 'Find out who holds the device or number AWS shows (or remove it in AWS), then correct the inventory and record the day you verified it.',
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_lost-or-broken.html',
  },
  run(context) {
    const { contradictions, inventory } = context;
    // Declared MFA devices that AWS does not see are root-mfa-off's finding, worded as this contradiction.
    const mfaSeenOff = new Set(
      scannedAccounts(context)
        .filter((scanned) => scanned.account?.root?.mfa?.length === 0 && reportsRootMfaOff(scanned))
        .map((scanned) => scanned.facts.accountId),
    );
    const drafts: FindingDraft[] = [];
    for (const contradiction of contradictions ?? []) {
      if (contradiction.field === 'root.mfa' && mfaSeenOff.has(contradiction.accountId)) continue;
      // The comparison that found it may say how much it matters (the outside scans' does); else AWS's table.
      const severity = contradiction.severity ?? severityByField[contradiction.field] ?? 'medium';
      const index = keyedBy(inventory.accounts, idOf).positionOf(contradiction.accountId);
      if (index >= 0) {
        drafts.push({
          account: inventory.accounts[index],
          severity,
          message: `${contradiction.field}: ${contradiction.message}.`,
          path: ['accounts', index, ...contradiction.field.split('.')],
        });
        continue;
      }
      const outside = (inventory.outsideAccounts ?? []).findIndex(
        (account) => account.id === contradiction.accountId,
      );
      drafts.push({
        severity,
        message:
          outside >= 0
            ? `${contradiction.accountId} ${contradiction.field}: ${contradiction.message}.`
            : `${contradiction.field}: ${contradiction.message}.`,
        ...(outside >= 0 ? { path: ['outsideAccounts', outside, contradiction.field] } : {}),
      });
    }
    return drafts;
  },
});
