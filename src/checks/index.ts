/**
 * Every check Lockout runs, listed explicitly and sorted by id: a check that is not here does not run, and the
 * registry test fails when a check file is left out.
 */
import type { Check } from './check.js';
import { contactPhoneOutdated } from './contact-phone-outdated.js';
import { domainsInWorkloadAccount } from './domains-in-workload-account.js';
import { identityDocumentExpired } from './identity-document-expired.js';
import { paymentCardExpiring } from './payment-card-expiring.js';
import { rootMailDomainInAccount } from './root-mail-domain-in-account.js';
import { rootMfaDeviceUnreliable } from './root-mfa-device-unreliable.js';
import { rootMfaMissing } from './root-mfa-missing.js';
import { rootOnlyPayer } from './root-only-payer.js';
import { rootSingleMfaDevice } from './root-single-mfa-device.js';
import { singlePaymentMethod } from './single-payment-method.js';
import { singlePointOfFailure } from './single-point-of-failure.js';

/** Every check, sorted by id; single-point-of-failure is the one that reads the recovery analysis. */
export const checks = [
  contactPhoneOutdated,
  domainsInWorkloadAccount,
  identityDocumentExpired,
  paymentCardExpiring,
  rootMailDomainInAccount,
  rootMfaDeviceUnreliable,
  rootMfaMissing,
  rootOnlyPayer,
  rootSingleMfaDevice,
  singlePaymentMethod,
  singlePointOfFailure,
] as const satisfies readonly Check[];
