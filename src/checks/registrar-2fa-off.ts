/** A registrar account signing in with a password alone: whoever has it can move or delete the domains. */
import { outsideAccountLabel } from '../model/inventory.js';
import { registrarRules } from '../providers/registrar/provider-model.js';
import { defineCheck, type FindingDraft } from './check.js';

export const registrar2faOff = defineCheck({
  meta: {
    id: 'registrar-2fa-off',
    severity: 'high',
    title: 'Registrar account without two-factor authentication',
    why:
      'The registrar account renews, unlocks and transfers the domain that root mail and sign-in resets go to: ' +
      'with a password alone, a phished password can take the domain and with it every reset mail.',
    fix: 'Turn on two-factor authentication at the registrar (a security key or an authenticator) and declare it in twoStepVerification and secondFactors.',
    docs: registrarRules.manageDomain.docs,
  },
  run({ inventory }) {
    const findings: FindingDraft[] = [];
    (inventory.outsideAccounts ?? []).forEach((account, index) => {
      if (account.provider !== 'registrar' || account.twoStepVerification === 'on') return;
      const off = account.twoStepVerification === 'off';
      findings.push({
        path: [
          'outsideAccounts',
          index,
          ...(account.twoStepVerification === undefined ? [] : ['twoStepVerification']),
        ],
        severity: off ? 'high' : 'low',
        message: off
          ? `${outsideAccountLabel(account)} signs in with a password alone (two-factor authentication off).`
          : `Unknown whether ${outsideAccountLabel(account)} has two-factor authentication: declare twoStepVerification.`,
      });
    });
    return findings;
  },
});
