/**
 * An inventory that declares no account, in AWS or outside it: nothing to analyse, which a report must not
 * pass as "no problem" (the template `lockout init --template` writes is such a file until it is answered).
 */
import { defineCheck } from './check.js';

export const nothingDeclared = defineCheck({
  meta: {
    id: 'nothing-declared',
    severity: 'high',
    title: 'No account declared',
    why:
      'Lockout judges the accounts an inventory declares. With none, every capability that matters to you is ' +
      'outside the analysis: a report without findings would say nothing about them, and unknown is never ' +
      'counted as safe.',
    fix:
      'Declare your AWS accounts under accounts: lockout init reads them with read-only AWS credentials and ' +
      'asks the rest; or answer the questions (# ?) of the template lockout init --template writes.',
    docs: 'https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-identifiers.html',
  },
  run({ inventory }) {
    if (inventory.accounts.length > 0 || (inventory.outsideAccounts ?? []).length > 0) return [];
    return [
      {
        path: ['accounts'],
        message:
          'No account is declared: there is nothing to analyse yet, and an inventory without accounts is never counted as safe.',
      },
    ];
  },
});
