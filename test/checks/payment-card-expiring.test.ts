import { paymentCardExpiring } from '../../src/checks/payment-card-expiring.js';
import { account, accountId, checkTable, inventoryYaml } from './check-tester.js';

// asOf is 2024-06-01. A card expiring 2024-07 is valid through 2024-07-31, 60 days later; 2024-08 through
// 2024-08-31, 91 days later; 2024-05 ended the day before asOf.
const card = (id: string, fields: Record<string, unknown> = {}) => ({
  id,
  label: `Card ${id}`,
  lastFour: '4242',
  expires: '2027-01',
  status: 'ok',
  ...fields,
});
const onFile = (...cards: Record<string, unknown>[]) =>
  inventoryYaml({
    factors: { cards },
    accounts: [account({ payment: { cards: cards.map((entry) => entry.id) } })],
  });

checkTable(paymentCardExpiring, {
  valid: [
    { name: 'a card valid for years', yaml: onFile(card('a')) },
    {
      name: 'valid through 61 days after asOf',
      yaml: onFile(card('a', { expires: '2024-07' })),
      asOf: '2024-05-31',
    },
    { name: 'expiring 2024-08: 91 days left', yaml: onFile(card('a', { expires: '2024-08' })) },
    {
      name: 'a revoked card that is declared but not on file',
      yaml: inventoryYaml({
        factors: { cards: [card('a'), card('old', { status: 'revoked' })] },
        accounts: [account({ payment: { cards: ['a'] } })],
      }),
    },
    {
      name: 'members have no cards of their own',
      yaml: inventoryYaml({
        factors: { cards: [card('a')] },
        accounts: [
          account({ id: '999988887777', organization: 'management', payment: { cards: ['a'] } }),
          account({
            organization: 'member',
            managementAccount: '999988887777',
            payment: { paidBy: 'management' },
          }),
        ],
      }),
    },
  ],
  invalid: [
    {
      name: 'revoked by the issuer: the incident',
      yaml: onFile(card('visa', { label: 'Visa', status: 'revoked', expires: '2024-11' })),
      findings: [
        {
          account: accountId,
          severity: 'critical',
          factors: ['visa'],
          messageIncludes:
            'The default card ending 4242 (Visa) is revoked by its issuer: the next charge fails',
        },
      ],
    },
    {
      name: 'expired status from the issuer',
      yaml: onFile(card('a', { status: 'expired' })),
      findings: [{ severity: 'critical', messageIncludes: 'is expired by its issuer' }],
    },
    {
      name: 'lost by its holder',
      yaml: onFile(card('a', { state: 'lost' })),
      findings: [{ severity: 'critical', messageIncludes: 'is lost' }],
    },
    {
      name: 'expiry month already past',
      yaml: onFile(card('a', { expires: '2024-05' })),
      findings: [
        { severity: 'critical', messageIncludes: 'expired at the end of 2024-05 (valid through 2024-05-31)' },
      ],
    },
    {
      name: 'valid through the last day of its month: asOf on that day is expiring, not expired',
      yaml: onFile(card('a', { expires: '2024-05' })),
      asOf: '2024-05-31',
      findings: [{ severity: 'high', messageIncludes: '0 days after 2024-05-31' }],
    },
    {
      name: 'expires exactly 60 days after asOf',
      yaml: onFile(card('a', { expires: '2024-07' })),
      findings: [{ severity: 'high', messageIncludes: 'valid through 2024-07-31, 60 days after 2024-06-01' }],
    },
    {
      name: 'a leap-year February',
      yaml: onFile(card('a', { expires: '2024-02' })),
      asOf: '2024-02-29',
      findings: [{ severity: 'high', messageIncludes: 'valid through 2024-02-29' }],
    },
    {
      name: 'one finding per card, the second one not called the default',
      yaml: onFile(card('a', { status: 'revoked' }), card('b', { expires: '2024-06' })),
      findings: [
        { severity: 'critical', factors: ['a'], messageIncludes: 'The default card ending 4242 (Card a)' },
        { severity: 'high', factors: ['b'], messageIncludes: 'Card ending 4242 (Card b) expires' },
      ],
    },
    {
      name: 'a card shared by two accounts is reported for each',
      yaml: inventoryYaml({
        factors: { cards: [card('a', { status: 'revoked' })] },
        accounts: [
          account({ payment: { cards: ['a'] } }),
          account({ id: '222233334444', payment: { cards: ['a'] } }),
        ],
      }),
      findings: [
        { account: accountId, severity: 'critical' },
        { account: '222233334444', severity: 'critical' },
      ],
    },
  ],
});
