import { singlePaymentMethod } from '../../src/checks/single-payment-method.js';
import { account, accountId, checkTable, inventoryYaml } from './check-tester.js';

const card = (id: string, fields: Record<string, unknown> = {}) => ({
  id,
  label: `Card ${id}`,
  lastFour: '4242',
  expires: '2027-01',
  status: 'ok',
  ...fields,
});
const paying = (cards: Record<string, unknown>[], payment: Record<string, unknown>) =>
  inventoryYaml({ factors: { cards }, accounts: [account({ payment })] });

checkTable(singlePaymentMethod, {
  valid: [
    { name: 'two valid cards', yaml: paying([card('a'), card('b')], { cards: ['a', 'b'] }) },
    {
      name: 'two cards, one expiring soon but still paying today',
      yaml: paying([card('a', { expires: '2024-06' }), card('b')], { cards: ['a', 'b'] }),
    },
    {
      name: 'members are paid for by their management account',
      yaml: inventoryYaml({
        factors: { cards: [card('a'), card('b')] },
        accounts: [
          account({ id: '999988887777', organization: 'management', payment: { cards: ['a', 'b'] } }),
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
      name: 'one card on file: the incident',
      yaml: paying([card('visa', { label: 'The only card', status: 'revoked' })], { cards: ['visa'] }),
      findings: [
        {
          account: accountId,
          severity: 'medium',
          factors: ['visa'],
          messageIncludes: 'Only one card on file, The only card',
        },
      ],
    },
    {
      name: 'the same card listed twice is one card',
      yaml: paying([card('a')], { cards: ['a', 'a'] }),
      findings: [{ severity: 'medium', messageIncludes: 'Only one card on file' }],
    },
    {
      name: 'no payment declared',
      yaml: inventoryYaml(),
      findings: [{ severity: 'high', messageIncludes: 'No payment method declared' }],
    },
    {
      name: 'cards: [] declared',
      yaml: paying([], { cards: [] }),
      findings: [{ severity: 'high', messageIncludes: 'No payment method declared' }],
    },
    {
      name: 'two cards, one revoked: no fallback left',
      yaml: paying([card('a'), card('b', { status: 'revoked' })], { cards: ['a', 'b'] }),
      findings: [
        {
          severity: 'medium',
          factors: ['b'],
          messageIncludes: '2 cards on file, but only Card a can pay: Card b cannot',
        },
      ],
    },
    {
      name: 'two cards, both dead',
      yaml: paying([card('a', { state: 'lost' }), card('b', { expires: '2024-05' })], { cards: ['a', 'b'] }),
      findings: [{ severity: 'high', factors: ['a', 'b'], messageIncludes: 'none of them can pay' }],
    },
  ],
});
