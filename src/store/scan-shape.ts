/**
 * Type guards for what comes back out of the database as JSON: the envelope of every fact (seen with its
 * action, or unknown with its reason), the account and organization facts, the scan's stats, a finding's
 * location. They check the shape the store and the drift rely on, and let through fields added since.
 */
import type { Finding } from '../checks/check.js';
import {
  accountFactKeys,
  type AccountFacts,
  type Fact,
  type OrganizationFacts,
  type ScanResult,
  unknownReasons,
} from '../providers/aws/scan/facts.js';

import type { OutsideScanFacts } from '../providers/outside/scan/facts.js';

export { accountFactKeys, type AccountFactKey } from '../providers/aws/scan/facts.js';

// The scanner's own list: a reason it learns is one the store reads back.
const knownReasons: readonly string[] = unknownReasons;
const organizationRoles: readonly string[] = ['standalone', 'management', 'member'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isOptionalString(value: unknown): boolean {
  return value === undefined || typeof value === 'string';
}

export function isFact(value: unknown): value is Fact<unknown> {
  if (!isRecord(value) || typeof value.action !== 'string') return false;
  if (value.status === 'seen') return 'value' in value;
  return (
    value.status === 'unknown' &&
    typeof value.message === 'string' &&
    typeof value.reason === 'string' &&
    knownReasons.includes(value.reason)
  );
}

export function isAccountFacts(value: unknown): value is AccountFacts {
  return (
    isRecord(value) &&
    typeof value.accountId === 'string' &&
    isOptionalString(value.name) &&
    isOptionalString(value.state) &&
    typeof value.organizationRole === 'string' &&
    organizationRoles.includes(value.organizationRole) &&
    accountFactKeys.every((key) => isFact(value[key]))
  );
}

export function isOrganizationFacts(value: unknown): value is OrganizationFacts {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.managementAccountId === 'string' &&
    isOptionalString(value.featureSet) &&
    isFact(value.enabledFeatures)
  );
}

export function isScanStats(value: unknown): value is ScanResult['stats'] {
  return (
    isRecord(value) &&
    typeof value.apiCalls === 'number' &&
    typeof value.retries === 'number' &&
    typeof value.accountsReached === 'number' &&
    typeof value.accountsFailed === 'number'
  );
}

export function isLocation(value: unknown): value is NonNullable<Finding['location']> {
  return (
    isRecord(value) &&
    typeof value.file === 'string' &&
    typeof value.line === 'number' &&
    typeof value.column === 'number'
  );
}

export function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

const outsideOrganisations: readonly string[] = [
  'github-organization',
  'google-workspace',
  'microsoft-entra',
];

/** The facts of one scan outside AWS as the store saved them (see providers/outside/scan/facts.ts). */
export function isOutsideScanFacts(value: unknown): value is OutsideScanFacts {
  return (
    isRecord(value) &&
    typeof value.provider === 'string' &&
    outsideOrganisations.includes(value.provider) &&
    typeof value.memberProvider === 'string' &&
    typeof value.login === 'string' &&
    isFact(value.admins) &&
    (value.admins.status !== 'seen' ||
      (Array.isArray(value.admins.value) && value.admins.value.every(isSeenMember))) &&
    (value.twoStepRequired === undefined || isFact(value.twoStepRequired)) &&
    Array.isArray(value.calls)
  );
}

function isSeenMember(value: unknown): boolean {
  return isRecord(value) && typeof value.login === 'string' && isFact(value.twoStepVerification);
}
