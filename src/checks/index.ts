/**
 * Every check Lockout runs, listed explicitly and sorted by id: a check that is not here does not run, and the
 * registry test fails when a check file is left out.
 */
import { accountSuspended } from './account-suspended.js';
import { alertsDependOnWatchedAccount } from './alerts-depend-on-watched-account.js';
import { alternateBillingContactMissing } from './alternate-billing-contact-missing.js';
import { budgetAlertsUnheard } from './budget-alerts-unheard.js';
import type { Check } from './check.js';
// Issue 16: GitHub, registrars, password managers and the checks across providers.
import { bitwardenNoEmergencyAccess } from './bitwarden-no-emergency-access.js';
import { domainAutoRenewOff } from './domain-auto-renew-off.js';
import { domainExpired } from './domain-expired.js';
import { githubOrganization2faNotRequired } from './github-organization-2fa-not-required.js';
import { githubOrganizationSingleOwner } from './github-organization-single-owner.js';
import { githubRecoveryCodesUnknown } from './github-recovery-codes-unknown.js';
import { passwordManagerSingleRecoverer } from './password-manager-single-recoverer.js';
import { registrar2faOff } from './registrar-2fa-off.js';
import { rootMailDomainTransferUnlocked } from './root-mail-domain-transfer-unlocked.js';
import { rootMailboxDomainRenewsOnExpiringCard } from './root-mailbox-domain-renews-on-expiring-card.js';
import { rootMailboxNeedsRootMfaPhone } from './root-mailbox-needs-root-mfa-phone.js';
import { commonCause } from './common-cause.js';
import { contactPhoneOutdated } from './contact-phone-outdated.js';
import { domainsInWorkloadAccount } from './domains-in-workload-account.js';
import { entraEmergencyAccessMissing } from './entra-emergency-access-missing.js';
import { entraGlobalAdminCount } from './entra-global-admin-count.js';
import { identityDocumentExpired } from './identity-document-expired.js';
import { nothingDeclared } from './nothing-declared.js';
import { idpAdminOnlyBillingPrincipal } from './idp-admin-only-billing-principal.js';
import { idpAdminsOnePerson } from './idp-admins-one-person.js';
import { inventoryContradicted } from './inventory-contradicted.js';
import { paymentCardExpiring } from './payment-card-expiring.js';
import { paymentTrouble } from './payment-trouble.js';
import { rootAccessKeys } from './root-access-keys.js';
import { rootMailDomainInAccount } from './root-mail-domain-in-account.js';
import { rootMfaDeviceUnreliable } from './root-mfa-device-unreliable.js';
import { rootMfaMissing } from './root-mfa-missing.js';
import { rootMfaOff } from './root-mfa-off.js';
import { rootOnlyPayer } from './root-only-payer.js';
import { rootSingleMfaDevice } from './root-single-mfa-device.js';
import { singlePaymentMethod } from './single-payment-method.js';
import { singlePointOfFailure } from './single-point-of-failure.js';
import { unseenFacts } from './unseen-facts.js';
import { verifiedInFuture } from './verified-in-future.js';
import { workspaceSuperAdminCount } from './workspace-super-admin-count.js';

/**
 * Every check, sorted by id. single-point-of-failure and alerts-depend-on-watched-account read the recovery
 * analysis; the checks on a live scan (account-suspended, alternate-billing-contact-missing,
 * budget-alerts-unheard, payment-trouble, root-access-keys, root-mfa-off, unseen-facts) find nothing without one.
 */
export const checks = [
  accountSuspended,
  alertsDependOnWatchedAccount,
  alternateBillingContactMissing,
  bitwardenNoEmergencyAccess,
  budgetAlertsUnheard,
  commonCause,
  contactPhoneOutdated,
  domainAutoRenewOff,
  domainExpired,
  domainsInWorkloadAccount,
  entraEmergencyAccessMissing,
  entraGlobalAdminCount,
  githubOrganization2faNotRequired,
  githubOrganizationSingleOwner,
  githubRecoveryCodesUnknown,
  identityDocumentExpired,
  idpAdminOnlyBillingPrincipal,
  idpAdminsOnePerson,
  inventoryContradicted,
  nothingDeclared,
  passwordManagerSingleRecoverer,
  paymentCardExpiring,
  paymentTrouble,
  registrar2faOff,
  rootAccessKeys,
  rootMailDomainInAccount,
  rootMailDomainTransferUnlocked,
  rootMailboxDomainRenewsOnExpiringCard,
  rootMailboxNeedsRootMfaPhone,
  rootMfaDeviceUnreliable,
  rootMfaMissing,
  rootMfaOff,
  rootOnlyPayer,
  rootSingleMfaDevice,
  singlePaymentMethod,
  singlePointOfFailure,
  unseenFacts,
  verifiedInFuture,
  workspaceSuperAdminCount,
] as const satisfies readonly Check[];
