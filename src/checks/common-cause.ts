/**
 * Redundancy that one place or one sync account defeats: two security keys asleep in the same safe, two
 * passkeys synced through one iCloud account, every photo ID in one bank box. They count as two in the
 * inventory and as one when the safe burns or the account is lost.
 */

import { hasRootCredentials, type Account } from '../model/inventory.js';
import { rules } from '../providers/aws/provider-model.js';
import { defineCheck, type FindingDraft } from './check.js';
import { factorIndexOf } from './factor-index.js';

/** A set of factors any one of which is enough: the alternatives a capability's way chooses between. */
interface Alternatives {
  account?: Account | undefined;
  /** What they are, for the message: "Root's 2 MFA devices". */
  what: string;
  /** What losing all of them takes. */
  takes: string;
  ids: string[];
  path: (string | number)[];
  docs: string;
}

export const commonCause = defineCheck({
  meta: {
    id: 'common-cause',
    severity: 'high',
    title: 'Alternatives that one place or one sync account takes together',
    why:
      'A second MFA device, card or ID is there so that one loss is not enough. Kept in the same place, or ' +
      'synced through the same account, they are lost together: a fire, a burglary or a locked-out Apple or ' +
      'Google account takes every one of them at once.',
    fix:
      'Keep one of them somewhere else (another person, another building, a bank box), or hold a second ' +
      'passkey in a different sync account or on a security key; then update location and heldBy.',
    docs: rules.syncedPasskeys.docs,
  },
  run(context) {
    const { inventory } = context;
    const factors = factorIndexOf(context);
    const groups: Alternatives[] = [];
    inventory.accounts.forEach((account, index) => {
      const root = account.root;
      if (root?.mfa && root.mfa.length >= 2 && hasRootCredentials(account)) {
        groups.push({
          account,
          what: `Root's ${root.mfa.length} MFA devices`,
          takes: 'signing in with MFA, so that root then needs AWS lost-MFA recovery',
          ids: root.mfa.map((device) => device.heldBy),
          path: ['accounts', index, 'root', 'mfa'],
          docs: rules.syncedPasskeys.docs,
        });
      }
      const cards = account.payment?.cards ?? [];
      if (cards.length >= 2) {
        groups.push({
          account,
          what: `The ${cards.length} cards on file`,
          takes: 'every valid card on file, so that the bill fails until a new one is added',
          ids: cards,
          path: ['accounts', index, 'payment', 'cards'],
          docs: rules.dunning.docs,
        });
      }
    });
    const documents = inventory.factors?.identityDocuments ?? [];
    if (documents.length >= 2) {
      groups.push({
        what: `The ${documents.length} identity documents`,
        takes: "every photo ID, which AWS's identity verification needs",
        ids: documents.map((document) => document.id),
        path: ['factors', 'identityDocuments'],
        docs: rules.identityVerification.docs,
      });
    }

    const drafts: FindingDraft[] = [];
    for (const group of groups) {
      const reaches = group.ids.map((id) => factors.reach(id));
      const [first, ...rest] = reaches;
      for (const id of first ?? []) {
        const cause = factors.get(id);
        if (cause?.type !== 'place' && cause?.type !== 'sync-account') continue;
        if (!rest.every((reach) => reach.has(id))) continue;
        const how =
          cause.type === 'place' ? `kept at ${factors.name(id)}` : `synced through ${factors.name(id)}`;
        drafts.push({
          account: group.account,
          message: `${group.what} are all ${how}: losing it takes ${group.takes}.`,
          factors: [id, ...group.ids],
          path: group.path,
          docs: group.docs,
        });
      }
    }
    return drafts;
  },
});
