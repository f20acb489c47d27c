/** Paying accounts with no second card to fall back on when the first one fails. */
import { defineCheck, type FindingDraft } from './check.js';
import { factorIndexOf, factorName } from './factor-index.js';
import { cardTrouble } from './payment-card-expiring.js';

export const singlePaymentMethod = defineCheck({
  meta: {
    id: 'single-payment-method',
    severity: 'medium',
    title: 'No second payment method to fall back on',
    why:
      'Cards get revoked without warning (a leak at a payment processor is enough). With a second valid card on ' +
      'file, a failed charge can be retried on it; with one card, the bill stays unpaid until someone who may ' +
      'change the payment method adds a new one, and the account can be suspended meanwhile.',
    fix:
      'Add a second card, from another bank if you can, in Payment preferences, and declare it under ' +
      'payment.cards after the default one.',
    docs: 'https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/manage-cc.html',
  },
  run(context) {
    const { inventory, asOf } = context;
    const factors = factorIndexOf(context);
    const findings: FindingDraft[] = [];
    inventory.accounts.forEach((account, index) => {
      // Members are paid for by their management account, which is checked itself.
      if (account.organization === 'member') return;
      const ids = [...new Set(account.payment?.cards ?? [])];
      const path = ['accounts', index, 'payment', 'cards'];
      if (ids.length === 0) {
        findings.push({
          account,
          severity: 'high',
          path: account.payment?.cards === undefined ? ['accounts', index] : path,
          message:
            'No payment method declared: nothing is known to pay the next bill, and unknown is never counted as safe.',
        });
        return;
      }
      const [only] = ids;
      if (ids.length === 1 && only !== undefined) {
        findings.push({
          account,
          path,
          factors: [only],
          message: `Only one card on file, ${factors.name(only)}: if it is revoked, expires or is declined, there is no second card for the charge.`,
        });
        return;
      }
      const cards = ids.flatMap((id) => {
        const card = factors.get(id);
        return card?.type === 'card' ? [card] : [];
      });
      // Cards expiring soon still pay today; the expiry check reports them.
      const paying = cards.filter((card) => cardTrouble(card, asOf)?.severity !== 'critical');
      if (paying.length >= 2) return;
      const dead = cards.filter((card) => !paying.includes(card));
      findings.push({
        account,
        severity: paying.length === 0 ? 'high' : 'medium',
        path,
        factors: dead.map((card) => card.id),
        message: `${cards.length} cards on file, but ${
          paying.length === 0 ? 'none of them' : `only ${paying.map(factorName).join(', ')}`
        } can pay: ${dead.map(factorName).join(', ')} cannot.`,
      });
    });
    return findings;
  },
});
