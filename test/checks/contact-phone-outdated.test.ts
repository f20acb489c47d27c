import { contactPhoneOutdated } from '../../src/checks/contact-phone-outdated.js';
import { account, accountId, checkTable, inventoryYaml } from './check-tester.js';

// asOf is 2024-06-01: 2023-06-02 is exactly 365 days before it.
const number = (fields: Record<string, unknown> = {}) => ({
  id: 'mobile',
  label: 'Mobile number',
  number: '+81 90-0000-0001',
  verified: '2024-05-01',
  ...fields,
});
const withNumber = (fields: Record<string, unknown> = {}) =>
  inventoryYaml({
    factors: { phoneNumbers: [number(fields)] },
    accounts: [account({ contactPhone: 'mobile' })],
  });
const management = account({
  id: '999988887777',
  name: 'management',
  organization: 'management',
  contactPhone: 'mobile',
});

checkTable(contactPhoneOutdated, {
  valid: [
    { name: 'a number verified last month', yaml: withNumber() },
    { name: 'verified exactly 365 days before asOf', yaml: withNumber({ verified: '2023-06-02' }) },
    { name: 'state ok said explicitly', yaml: withNumber({ state: 'ok' }) },
    { name: 'no accounts', yaml: inventoryYaml({ accounts: [] }) },
  ],
  invalid: [
    {
      name: 'the number was given up: the incident',
      yaml: withNumber({ state: 'outdated', label: 'Mobile number of 2016' }),
      findings: [
        {
          account: accountId,
          severity: 'high',
          factors: ['mobile'],
          messageIncludes: 'The contact phone is Mobile number of 2016, which is outdated',
        },
      ],
    },
    {
      name: 'lost counts like outdated',
      yaml: withNumber({ state: 'lost' }),
      findings: [{ severity: 'high', messageIncludes: 'which is lost' }],
    },
    {
      name: 'an outdated number is high even when verified recently',
      yaml: withNumber({ state: 'outdated', verified: '2024-05-31' }),
      findings: [{ severity: 'high' }],
    },
    {
      name: 'verified 366 days before asOf',
      yaml: withNumber({ verified: '2023-06-01' }),
      findings: [{ severity: 'medium', factors: ['mobile'], messageIncludes: '366 days before 2024-06-01' }],
    },
    {
      name: 'never verified',
      yaml: withNumber({ verified: undefined }),
      findings: [{ severity: 'medium', messageIncludes: 'has never been verified' }],
    },
    {
      name: 'no contact phone declared: unknown',
      yaml: inventoryYaml(),
      findings: [
        {
          account: accountId,
          severity: 'medium',
          messageIncludes: ['No contact phone is declared', 'never counted as safe'],
        },
      ],
    },
    {
      name: 'members are checked too, each with its own finding',
      yaml: inventoryYaml({
        factors: { phoneNumbers: [number({ state: 'outdated' })] },
        accounts: [
          management,
          account({ organization: 'member', managementAccount: '999988887777', contactPhone: 'mobile' }),
          account({ id: '222233334444', organization: 'member', managementAccount: '999988887777' }),
        ],
      }),
      findings: [
        { account: '999988887777', severity: 'high' },
        { account: accountId, severity: 'high' },
        { account: '222233334444', severity: 'medium' },
      ],
    },
    {
      name: 'accounts sharing numbers: each told about its own number',
      yaml: inventoryYaml({
        factors: {
          phoneNumbers: [
            number({ state: 'outdated' }),
            number({ id: 'office', label: 'Office line', verified: '2022-01-10' }),
          ],
        },
        accounts: [
          management,
          account({ organization: 'member', managementAccount: '999988887777', contactPhone: 'office' }),
          account({
            id: '222233334444',
            organization: 'member',
            managementAccount: '999988887777',
            contactPhone: 'mobile',
          }),
        ],
      }),
      findings: [
        {
          account: '999988887777',
          severity: 'high',
          factors: ['mobile'],
          messageIncludes: 'Mobile number, which is outdated',
        },
        {
          account: accountId,
          severity: 'medium',
          factors: ['office'],
          messageIncludes: 'Office line was last verified on 2022-01-10',
        },
        {
          account: '222233334444',
          severity: 'high',
          factors: ['mobile'],
          messageIncludes: 'Mobile number, which is outdated',
        },
      ],
    },
  ],
});
