/**
 * Photo identity documents for AWS's last-resort recovery (identity verification): none declared, none valid, or
 * expiring soon.
 */
import type { Day, IdentityDocument } from '../model/inventory.js';
import { defineCheck, type FindingDraft } from './check.js';
import { daysBetween } from './dates.js';
import { factorName, isGone } from './factor-index.js';

/** A document whose last valid day is at most this many days away is reported as expiring. */
export const expiringWithinDays = 90;

export const identityDocumentExpired = defineCheck({
  meta: {
    id: 'identity-document-expired',
    severity: 'high',
    title: 'No valid photo ID for identity verification',
    why:
      "When root's MFA device is lost and the email-and-phone recovery fails, the last way back in is identity " +
      'verification through AWS Support: a form and an affidavit signed before a notary, with a valid government ' +
      'photo ID. Without one, that path is closed too, and renewing a passport takes weeks you will not have ' +
      'once a payment has failed.',
    fix:
      'Renew the expired or expiring documents, declare them under factors.identityDocuments with their expiry ' +
      'dates, and note which one you would show a notary.',
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_lost-or-broken.html',
  },
  run({ inventory, asOf }) {
    // The documents are for AWS root's recovery: an inventory without an AWS account (a scan of GitHub or a
    // Workspace alone) has no root to prove an identity for.
    if (inventory.accounts.length === 0) return [];
    const documents = (inventory.factors?.identityDocuments ?? []).map((document, index) => ({
      document,
      path: ['factors', 'identityDocuments', index],
    }));
    // 'other' documents (a utility bill…) may prove an address, not an identity.
    const photoIds = documents.filter(({ document }) => document.kind !== 'other');
    if (photoIds.length === 0) {
      return [
        {
          severity: 'medium',
          path: documents.length === 0 ? undefined : ['factors', 'identityDocuments'],
          message:
            'No photo identity document is declared: identity verification, the last way back into root, needs a valid government photo ID, and whether you have one is unknown, which is never counted as safe.',
        },
      ];
    }
    const valid = photoIds.filter(({ document }) => usable(document, asOf));
    const findings: FindingDraft[] = [];
    if (valid.length === 0) {
      findings.push({
        path: ['factors', 'identityDocuments'],
        factors: photoIds.map(({ document }) => document.id),
        message: `No valid photo ID for identity verification, the last way back into root: ${photoIds
          .map(({ document }) => `${factorName(document)} ${unusableBecause(document)}`)
          .join('; ')}.`,
      });
      return findings;
    }
    for (const { document, path } of photoIds) {
      if (document.expires === undefined || isGone(document)) continue;
      const daysLeft = daysBetween(asOf, document.expires);
      const others = valid
        .filter((entry) => entry.document !== document)
        .map((entry) => factorName(entry.document));
      if (daysLeft < 0) {
        findings.push({
          severity: 'low',
          path: [...path, 'expires'],
          factors: [document.id],
          message: `The photo ID ${factorName(document)} expired on ${document.expires}; identity verification can still use ${others.join(', ')}.`,
        });
      } else if (daysLeft <= expiringWithinDays) {
        const fallback =
          others.length === 0
            ? 'it is the only valid photo ID declared'
            : `${others.join(', ')} would remain`;
        findings.push({
          severity: 'low',
          path: [...path, 'expires'],
          factors: [document.id],
          message: `The photo ID ${factorName(document)} expires on ${document.expires}, ${daysLeft} days after ${asOf}; ${fallback}.`,
        });
      }
    }
    return findings;
  },
});

/** Not lost, and not past its expiry day (a document is valid through the day it expires). */
function usable(document: IdentityDocument, asOf: Day): boolean {
  if (isGone(document)) return false;
  return document.expires === undefined || daysBetween(asOf, document.expires) >= 0;
}

function unusableBecause(document: IdentityDocument): string {
  if (isGone(document)) return `is ${document.state ?? 'lost'}`;
  return `expired on ${document.expires ?? '?'}`;
}
