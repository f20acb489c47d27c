/**
 * Drift between the outside scans of two stored scans, as the AWS drift is told: an admin (owner, super
 * admin, Global Administrator) added or removed, an admin's second step turned off or on, the organisation's
 * requirement of one turned off or on. A fact unknown on either side is said to have become unknown or known,
 * never read as a change of its value; an organisation scanned on one side only is not compared. A pure function.
 */
import type { Severity } from '../checks/check.js';
import type { OutsideFact, OutsideScanFacts, SeenMember } from '../providers/outside/scan/facts.js';
import type { Change } from './drift.js';

export const outsideChangeKinds = [
  'outside-admin-added',
  'outside-admin-removed',
  'outside-admin-two-step-off',
  'outside-admin-two-step-on',
  'outside-two-step-required-off',
  'outside-two-step-required-on',
  'outside-fact-became-unknown',
  'outside-fact-became-known',
] as const;

export type OutsideChangeKind = (typeof outsideChangeKinds)[number];

export const organisationWord: Record<OutsideScanFacts['provider'], string> = {
  'github-organization': 'GitHub organisation',
  'google-workspace': 'Google Workspace',
  'microsoft-entra': 'Microsoft Entra tenant',
};

export const adminWord: Record<OutsideScanFacts['provider'], string> = {
  'github-organization': 'owner',
  'google-workspace': 'super admin',
  'microsoft-entra': 'Global Administrator',
};

export const secondStepWord: Record<OutsideScanFacts['provider'], string> = {
  'github-organization': '2FA',
  'google-workspace': '2-Step Verification',
  'microsoft-entra': 'MFA',
};

/** "an owner", "a super admin": the admin word with its article. */
export function anAdmin(provider: OutsideScanFacts['provider']): string {
  const word = adminWord[provider];
  return `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;
}

/** "GitHub organisation acme", as the history lists an outside scan. */
export function outsideLabel(scan: OutsideScanFacts): string {
  return `${organisationWord[scan.provider]} ${scan.login}`;
}

export function diffOutside(
  before: readonly OutsideScanFacts[] | undefined,
  after: readonly OutsideScanFacts[] | undefined,
): Change[] {
  const changes: Change[] = [];
  for (const now of after ?? []) {
    const then = (before ?? []).find(
      (candidate) =>
        candidate.provider === now.provider && candidate.login.toLowerCase() === now.login.toLowerCase(),
    );
    if (then) changes.push(...diffOrganisation(then, now));
  }
  return changes;
}

function diffOrganisation(before: OutsideScanFacts, after: OutsideScanFacts): Change[] {
  const changes: Change[] = [];
  const provider = after.provider;
  const push = (kind: OutsideChangeKind, severity: Severity, message: string, was?: unknown, is?: unknown) =>
    changes.push({
      accountId: after.login,
      accountName: organisationWord[provider],
      kind,
      severity,
      message,
      ...(was === undefined ? {} : { before: was }),
      ...(is === undefined ? {} : { after: is }),
    });
  const step = secondStepWord[provider];
  const admin = adminWord[provider];

  const required = known(before.twoStepRequired, after.twoStepRequired);
  if (required.kind === 'both' && required.before !== required.after) {
    if (required.after === 'off')
      push(
        'outside-two-step-required-off',
        'high',
        `${step} is no longer required of its members`,
        'on',
        'off',
      );
    else push('outside-two-step-required-on', 'info', `${step} is now required of its members`, 'off', 'on');
  } else if (required.kind !== 'both' && required.kind !== 'neither') {
    push(
      ...becameWord(
        required.kind,
        `whether ${step} is required`,
        after.twoStepRequired ?? before.twoStepRequired,
      ),
    );
  }

  const admins = known(before.admins, after.admins);
  if (admins.kind === 'both') {
    const byLogin = (list: SeenMember[]) =>
      new Map(list.map((member) => [member.login.toLowerCase(), member]));
    const was = byLogin(admins.before);
    const is = byLogin(admins.after);
    for (const [key, member] of is) {
      const previous = was.get(key);
      const twoStep = member.twoStepVerification;
      if (!previous) {
        const without = twoStep.status === 'seen' && twoStep.value === 'off';
        push(
          'outside-admin-added',
          without ? 'high' : 'medium',
          `${member.login} became ${anAdmin(provider)}${without ? `, with ${step} off` : ''}: one more sign-in that can take the organisation`,
          undefined,
          member.login,
        );
        continue;
      }
      const old = previous.twoStepVerification;
      if (old.status === 'seen' && twoStep.status === 'seen' && old.value !== twoStep.value) {
        if (twoStep.value === 'off')
          push(
            'outside-admin-two-step-off',
            'high',
            `${admin} ${member.login} turned ${step} off`,
            'on',
            'off',
          );
        else
          push(
            'outside-admin-two-step-on',
            'info',
            `${admin} ${member.login} turned ${step} on`,
            'off',
            'on',
          );
      }
    }
    for (const [key, member] of was) {
      if (is.has(key)) continue;
      const left = is.size;
      push(
        'outside-admin-removed',
        left < 2 ? 'high' : 'medium',
        `${member.login} is no longer ${anAdmin(provider)}${left < 2 ? `: ${left === 1 ? 'one is' : 'none is'} left` : ''}`,
        member.login,
        undefined,
      );
    }
  } else if (admins.kind !== 'neither') {
    push(
      ...becameWord(
        admins.kind,
        `the ${admin}s`,
        after.admins.status === 'unknown' ? after.admins : before.admins,
      ),
    );
  }
  return changes;
}

type Compared<T> =
  { kind: 'both'; before: T; after: T } | { kind: 'became-unknown' | 'became-known' | 'neither' };

function known<T>(before: OutsideFact<T> | undefined, after: OutsideFact<T> | undefined): Compared<T> {
  const was = before?.status === 'seen';
  const is = after?.status === 'seen';
  if (was && is) return { kind: 'both', before: before.value, after: after.value };
  if (was) return { kind: 'became-unknown' };
  if (is) return { kind: 'became-known' };
  return { kind: 'neither' };
}

function becameWord(
  kind: 'became-unknown' | 'became-known',
  what: string,
  fact: OutsideFact<unknown> | undefined,
): [OutsideChangeKind, Severity, string] {
  if (kind === 'became-known') return ['outside-fact-became-known', 'info', `${what} can be read again`];
  const why = fact?.status === 'unknown' ? ` (${fact.reason}: ${fact.action} needs ${fact.scope})` : '';
  // Unknown is never safe: not a change of the value, but no longer a fact to rely on.
  return ['outside-fact-became-unknown', 'low', `${what} can no longer be read${why}`];
}
