import { alternateBillingContactMissing } from '../../src/checks/alternate-billing-contact-missing.js';
import { account, accountId, checkTable, inventoryYaml } from './check-tester.js';
import { accountFacts, actions, scanOf, scanResult, seen, unknown } from './scan-fixtures.js';

/** The scan fixtures' billing contact, billing@example.org, is a declared mailbox. */
const factors = {
  mailboxes: [{ id: 'billing-mail', address: 'billing@example.org', provider: 'fastmail' }],
};
const yaml = inventoryYaml({ factors });
const operationsOnly = seen(
  { OPERATIONS: { name: 'Ops', email: 'ops@example.org' } },
  actions.alternateContacts,
);
const billingAt = (email: string) => seen({ BILLING: { name: 'Billing', email } }, actions.alternateContacts);

checkTable(alternateBillingContactMissing, {
  valid: [
    { name: 'no scan: nothing to judge', yaml },
    { name: 'a billing contact on another declared mailbox', yaml, scan: scanOf() },
    {
      name: 'a billing contact declared in another case',
      yaml,
      scan: scanOf({ alternateContacts: billingAt('Billing@Example.org') }),
    },
    {
      name: 'alternate contacts unknown: left to unseen-facts',
      yaml,
      scan: scanOf({ alternateContacts: unknown('access-denied', actions.alternateContacts) }),
    },
    {
      name: "members' billing notices go to the management account",
      yaml: inventoryYaml({
        factors,
        accounts: [
          account({ id: '999988887777', name: 'management', organization: 'management' }),
          account({
            organization: 'member',
            managementAccount: '999988887777',
            payment: { paidBy: 'management' },
          }),
        ],
      }),
      scan: scanResult([
        accountFacts({ accountId: '999988887777', organizationRole: 'management' }),
        accountFacts({ organizationRole: 'member', alternateContacts: operationsOnly }),
      ]),
    },
  ],
  invalid: [
    {
      name: 'a billing contact that is no declared mailbox: unknown, so not counted',
      yaml,
      scan: scanOf({ alternateContacts: billingAt('finance@elsewhere.example') }),
      findings: [
        {
          account: accountId,
          severity: 'low',
          messageIncludes: [
            'The billing alternate contact finance@elsewhere.example (seen by account:GetAlternateContact) is no mailbox the inventory declares',
            'unknown is never counted as safe',
          ],
        },
      ],
    },
    {
      name: 'no billing contact',
      yaml,
      scan: scanOf({ alternateContacts: operationsOnly }),
      findings: [
        {
          account: accountId,
          severity: 'low',
          messageIncludes: [
            'No billing alternate contact is set (seen by account:GetAlternateContact)',
            "root's address only",
          ],
        },
      ],
    },
    {
      name: "the billing contact is root's address, as the scan saw it",
      yaml,
      scan: scanOf({ alternateContacts: billingAt('Root@Example.com') }),
      findings: [{ severity: 'low', messageIncludes: "root's own address, Root@Example.com" }],
    },
    {
      name: 'the billing contact is the address of the root mailbox the inventory declares',
      yaml,
      scan: scanOf({
        primaryEmail: unknown('not-available', actions.primaryEmail),
        alternateContacts: billingAt('root@example.com'),
      }),
      findings: [{ severity: 'low', messageIncludes: 'one mailbox only' }],
    },
  ],
});
