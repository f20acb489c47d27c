/**
 * Every single point of failure the engine finds: a factor whose loss alone takes a capability of an
 * account, whatever the factor and however the dependency runs (a mailbox through its domain, a domain
 * through the account that hosts it).
 */

import type { CapabilityId, CapabilityResult } from '../providers/aws/analysis.js';
import { rules } from '../providers/aws/provider-model.js';
import { defineCheck, severityRank, type FindingDraft, type Severity } from './check.js';
import { singlePaymentMethod } from './single-payment-method.js';
import { joinWords } from '../model/words.js';

const severityByCapability: Record<CapabilityId, Severity> = {
  'root-sign-in': 'high',
  'keep-bill-paid': 'high',
  'change-payment-method': 'medium',
  'receive-billing-notices': 'medium',
  'hear-about-trouble': 'medium',
};

/** Where AWS documents the second way each capability can have. */
const docsByCapability: Record<CapabilityId, string> = {
  'root-sign-in': rules.rootSignIn.docs,
  'keep-bill-paid': singlePaymentMethod.meta.docs,
  'change-payment-method': rules.billingAccess.docs,
  'receive-billing-notices': rules.alternateBillingContact.docs,
  'hear-about-trouble': rules.alertChannels.docs,
};

/** The second way each capability can have, as the fix for a factor that alone takes it. */
const fixByCapability: Record<CapabilityId, string> = {
  'root-sign-in':
    "Register a second root MFA device, held by someone else or kept in another place, and keep root's password in a second place too.",
  'keep-bill-paid': 'Add a second card from another bank, and let a principal other than root pay.',
  'change-payment-method':
    'Let a principal other than root change the payment method: activate IAM access to billing and grant it the payments permissions.',
  'receive-billing-notices':
    "Add a billing alternate contact whose mailbox is on another mail domain than root's, read by someone else.",
  'hear-about-trouble':
    'Declare a second alert channel under watch.channels that goes through nothing the first does (another mail provider, a Slack workspace, an SNS topic in another account).',
};

export const singlePointOfFailure = defineCheck({
  meta: {
    id: 'single-point-of-failure',
    severity: 'high',
    title: 'A single factor whose loss alone takes a capability',
    why: 'One lost phone, mailbox, card or domain is all it takes: nothing else has to go wrong first.',
    fix: 'Add an independent second way for the capability (a second MFA device held elsewhere, a second card, billing delegated to another principal), so that no one loss suffices.',
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable.html',
  },
  run({ recovery, inventory }) {
    // One finding per account and factor, naming every capability that factor alone takes.
    const byFactor = new Map<string, { capabilities: CapabilityResult[]; label: string }>();
    for (const capability of recovery.capabilities) {
      if (capability.status !== 'at-risk') continue;
      for (const factor of capability.singlePointsOfFailure) {
        const key = `${capability.account.id}\u0000${factor.id}`;
        const entry = byFactor.get(key) ?? { capabilities: [], label: factor.label };
        entry.capabilities.push(capability);
        byFactor.set(key, entry);
      }
    }
    // By identity, as includes/indexOf compared: a search per finding was quadratic in an Organization.
    const accountIndex = new Map(inventory.accounts.map((account, index) => [account, index]));
    const drafts: FindingDraft[] = [];
    for (const [key, { capabilities, label }] of byFactor) {
      const account = capabilities[0]!.account;
      const factorId = key.slice(key.indexOf('\u0000') + 1);
      // The most severe capability taken sets the severity and the documentation.
      const worst = [...capabilities].sort(
        (a, b) =>
          severityRank(severityByCapability[a.capability]) - severityRank(severityByCapability[b.capability]),
      )[0]!;
      const severity = severityByCapability[worst.capability];
      const taken = capabilities.map((capability) => capability.label.toLowerCase());
      drafts.push({
        account,
        severity,
        docs: docsByCapability[worst.capability],
        fix: [...new Set(capabilities.map((capability) => fixByCapability[capability.capability]))].join(' '),
        message: `Losing ${label} alone takes ${joinWords(taken)} for ${account.name}.`,
        factors: accountIndex.has(account) ? [factorId] : [],
        path: ['accounts', accountIndex.get(account) ?? -1],
      });
    }
    return drafts;
  },
});
