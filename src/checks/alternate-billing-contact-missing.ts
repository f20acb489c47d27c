/** No alternate billing contact: every billing notice, suspension warnings included, goes to root's mailbox alone. */
import { idOf, keyedBy } from '../model/keyed-lists.js';
import { mailboxWithAddress, type Inventory } from '../model/inventory.js';
import { defineCheck, type FindingDraft } from './check.js';
import { scanFinding, scannedAccounts, type ScannedAccount } from './scanned-accounts.js';

export const alternateBillingContactMissing = defineCheck({
  meta: {
    id: 'alternate-billing-contact-missing',
    severity: 'low',
    title: 'No alternate billing contact',
    why:
      "Without an alternate billing contact, the past-due and suspension notices go only to root's email address. " +
      'If that mailbox is one nobody reads, or one that depends on a domain in the same account, the warning ' +
      'with the suspension date goes unread until the account stops.',
    fix:
      'Add a billing alternate contact (Account settings, Alternate contacts) with an address you read daily, on a ' +
      "different mailbox and mail domain from root's; for members, the management account can set it for them. " +
      'Declare its mailbox in the inventory (with the domain it lives on) so the analysis counts it.',
    docs: 'https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-update-contact-alternate.html',
  },
  run(context) {
    const findings: FindingDraft[] = [];
    for (const scanned of scannedAccounts(context)) {
      const { alternateContacts, organizationRole } = scanned.facts;
      // A member's bill is paid, and its notices sent, by the management account, which this check looks at.
      if (organizationRole === 'member' || alternateContacts.status !== 'seen') continue;
      const billing = alternateContacts.value.BILLING;
      if (billing === undefined) {
        findings.push(
          scanFinding(
            scanned,
            `No billing alternate contact is set (seen by ${alternateContacts.action}): billing notices go to root's address only.`,
          ),
        );
        continue;
      }
      const rootEmail = rootEmailOf(scanned, context.inventory);
      if (
        billing.email !== undefined &&
        rootEmail !== undefined &&
        billing.email.toLowerCase() === rootEmail.toLowerCase()
      ) {
        findings.push(
          scanFinding(
            scanned,
            `The billing alternate contact is root's own address, ${billing.email} (seen by ${alternateContacts.action}): billing notices still reach one mailbox only.`,
          ),
        );
      } else if (
        billing.email !== undefined &&
        mailboxWithAddress(context.inventory, billing.email) === undefined
      ) {
        // The recovery graph counts it as an unknown mailbox, so the owner should hear why.
        findings.push(
          scanFinding(
            scanned,
            `The billing alternate contact ${billing.email} (seen by ${alternateContacts.action}) is no mailbox the inventory declares: whether billing notices reach anyone there is unknown, and unknown is never counted as safe, so the analysis counts root's mailbox alone.`,
          ),
        );
      }
    }
    return findings;
  },
});

/** Root's email: as the scan saw it, or else the address of the root mailbox the inventory declares. */
function rootEmailOf({ facts, account }: ScannedAccount, inventory: Inventory): string | undefined {
  if (facts.primaryEmail.status === 'seen' && facts.primaryEmail.value !== '')
    return facts.primaryEmail.value;
  const mailbox = account?.root?.email;
  if (mailbox === undefined) return undefined;
  const mailboxes = inventory.factors?.mailboxes;
  return mailboxes && keyedBy(mailboxes, idOf).first(mailbox)?.address;
}
