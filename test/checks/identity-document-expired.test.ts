import { identityDocumentExpired } from '../../src/checks/identity-document-expired.js';
import { checkTable, inventoryYaml } from './check-tester.js';

// asOf is 2024-06-01: 2024-08-30 is 90 days later, 2024-08-31 is 91.
const passport = (fields: Record<string, unknown> = {}) => ({
  id: 'passport',
  kind: 'passport',
  label: 'Passport',
  expires: '2030-01-31',
  ...fields,
});
const licence = (fields: Record<string, unknown> = {}) => ({
  id: 'licence',
  kind: 'driving-licence',
  label: 'Driving licence',
  expires: '2028-09-30',
  ...fields,
});
const withDocuments = (...identityDocuments: Record<string, unknown>[]) =>
  inventoryYaml({ factors: { identityDocuments } });

checkTable(identityDocumentExpired, {
  valid: [
    { name: 'a valid passport', yaml: withDocuments(passport()) },
    { name: 'expiring 91 days after asOf', yaml: withDocuments(passport({ expires: '2024-08-31' })) },
    { name: 'a document without an expiry date', yaml: withDocuments(passport({ expires: undefined })) },
    { name: 'a passport and a driving licence', yaml: withDocuments(passport(), licence()) },
    // AWS's identity verification is for root; with no AWS account (a scan of GitHub alone) there is none.
    { name: 'no AWS account, so no root to verify an identity for', yaml: inventoryYaml({ accounts: [] }) },
  ],
  invalid: [
    {
      name: 'no identity document declared',
      yaml: inventoryYaml(),
      findings: [
        {
          severity: 'medium',
          messageIncludes: ['No photo identity document is declared', 'never counted as safe'],
        },
      ],
    },
    {
      name: "only an 'other' document (proof of address) is no photo ID",
      yaml: withDocuments({ id: 'bill', kind: 'other', label: 'Utility bill' }),
      findings: [{ severity: 'medium', messageIncludes: 'No photo identity document' }],
    },
    {
      name: 'every photo ID expired',
      yaml: withDocuments(passport({ expires: '2024-05-31' }), licence({ expires: '2023-01-01' })),
      findings: [
        {
          severity: 'high',
          factors: ['passport', 'licence'],
          messageIncludes: 'Passport expired on 2024-05-31; Driving licence expired on 2023-01-01',
        },
      ],
    },
    {
      name: 'the only passport is lost',
      yaml: withDocuments(passport({ state: 'lost' })),
      findings: [{ severity: 'high', messageIncludes: 'Passport is lost' }],
    },
    {
      name: 'valid through the day it expires: asOf on that day is expiring, not expired',
      yaml: withDocuments(passport({ expires: '2024-06-01' })),
      findings: [
        { severity: 'low', messageIncludes: ['0 days after 2024-06-01', 'the only valid photo ID'] },
      ],
    },
    {
      name: 'expiring exactly 90 days after asOf',
      yaml: withDocuments(passport({ expires: '2024-08-30' })),
      findings: [
        {
          severity: 'low',
          factors: ['passport'],
          messageIncludes: 'expires on 2024-08-30, 90 days after 2024-06-01',
        },
      ],
    },
    {
      name: 'expiring with another valid one left',
      yaml: withDocuments(passport(), licence({ expires: '2024-07-01' })),
      findings: [{ severity: 'low', factors: ['licence'], messageIncludes: 'Passport would remain' }],
    },
    {
      name: 'one expired next to a valid one',
      yaml: withDocuments(passport(), licence({ expires: '2024-01-01' })),
      findings: [
        {
          severity: 'low',
          factors: ['licence'],
          messageIncludes: 'expired on 2024-01-01; identity verification can still use Passport',
        },
      ],
    },
  ],
});
