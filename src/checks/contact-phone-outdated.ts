/** The number AWS calls during lost-MFA recovery: no longer the owner's, not checked for a year, or not declared. */
import { hasRootCredentials, type Day, type Factor } from '../model/inventory.js';
import { defineCheck, type FindingDraft, type Severity } from './check.js';
import { staleVerification } from './dates.js';
import { factorIndexOf, factorName, isGone } from './factor-index.js';

export const contactPhoneOutdated = defineCheck({
  meta: {
    id: 'contact-phone-outdated',
    severity: 'high',
    title: "The account's contact phone may not reach you",
    why:
      "When root's MFA device is lost, AWS's self-service recovery sends an email to root's address and then calls " +
      "the account's contact phone number. If that number is no longer yours, the call reaches someone else or " +
      'nobody, and what is left is identity verification through AWS Support: a notarised form, photo ID and days ' +
      'of review, while a failed payment keeps counting down to suspension.',
    fix:
      'Update the primary contact phone number of the account (for members, from the management account) to a ' +
      'number you will keep, verify it, and record the day under the phone-number factor.',
    docs: 'https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-update-contact-primary.html',
  },
  run(context) {
    const { inventory, asOf } = context;
    const factors = factorIndexOf(context);
    // What is wrong with each number (null: nothing), once: an Organization's accounts share a handful.
    const troubles = new Map<string, PhoneTrouble | null>();
    const findings: FindingDraft[] = [];
    inventory.accounts.forEach((account, index) => {
      // Only lost-MFA recovery of root's own credentials calls the contact phone.
      if (!hasRootCredentials(account)) return;
      const id = account.contactPhone;
      if (id === undefined) {
        findings.push({
          account,
          severity: 'medium',
          path: ['accounts', index],
          message:
            "No contact phone is declared: lost-MFA recovery calls the account's contact number, and whether it still reaches you is unknown, which is never counted as safe.",
        });
        return;
      }
      const phone = factors.get(id);
      if (phone === undefined) return;
      let trouble = troubles.get(id);
      if (trouble === undefined) troubles.set(id, (trouble = phoneTrouble(phone, asOf) ?? null));
      if (trouble === null) return;
      findings.push({
        account,
        severity: trouble.severity,
        path: ['accounts', index, 'contactPhone'],
        factors: [id],
        message: trouble.message,
      });
    });
    return findings;
  },
});

interface PhoneTrouble {
  /** Absent: the check's own. */
  severity?: Severity | undefined;
  message: string;
}

/** Why the number may not reach the owner when AWS calls it; undefined when it was checked within the year. */
function phoneTrouble(phone: Factor, asOf: Day): PhoneTrouble | undefined {
  if (isGone(phone)) {
    return {
      message: `The contact phone is ${factorName(phone)}, which is ${phone.state ?? 'lost'}: lost-MFA recovery would call a number that no longer reaches you, so recovering root's MFA needs identity verification through AWS Support.`,
    };
  }
  const stale = staleVerification(phone.verified, asOf);
  if (stale === undefined) return undefined;
  return {
    severity: 'medium',
    message: `The contact phone ${factorName(phone)} ${stale}: lost-MFA recovery calls it, and a number not checked for a year may no longer be yours.`,
  };
}
