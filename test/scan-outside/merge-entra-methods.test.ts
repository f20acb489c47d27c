/**
 * The authentication methods the Entra scan sees registered for each Global Administrator, merged into the
 * inventory as second steps: a kind declared keeps its declared device; a kind seen but not declared becomes a
 * second step on a factor nobody has said they hold (state unknown, as the AWS merge does for a root MFA device
 * it sees undeclared): counted as lost and listed as unknown, never safe. Recorded responses on 127.0.0.1 in
 * Microsoft Graph's documented shapes: the directory role members example of
 * https://learn.microsoft.com/graph/api/directoryrole-list-members and the userRegistrationDetails example of
 * https://learn.microsoft.com/graph/api/authenticationmethodsroot-list-userregistrationdetails (as in
 * entra-scan.test.ts, checked 2026-12-04).
 */

import { afterEach, describe, expect, it, vi } from 'vitest';
import { judgeOutsideScans } from '../../src/check.js';
import { parseInventory } from '../../src/inventory/index.js';
import type { Inventory, MicrosoftAccount } from '../../src/model/inventory.js';
import {
  globalAdministratorTemplateId,
  graphCalls,
  scanEntra,
} from '../../src/providers/microsoft/scan/scan.js';
import { isUnknownLoss } from '../../src/recovery/unknown.js';
import { recordedServer, type RecordedServer } from './recorded-server.js';

const member = (upn: string, name: string) => ({
  '@odata.type': '#microsoft.graph.user',
  id: `${upn.length}0ee3d9-3e1b-4b58-b5c7-3d6e8c9b5f${upn.length}a`,
  businessPhones: ['+1 425 555 0109'],
  displayName: name,
  mail: upn,
  userPrincipalName: upn,
});

const registration = (upn: string, methods: string[]) => ({
  id: '86462606-fde0-4fc4-9e0c-a20eb73e54c6',
  userPrincipalName: upn,
  userDisplayName: upn.split('@')[0],
  userType: 'member',
  isAdmin: true,
  isSsprRegistered: false,
  isSsprEnabled: false,
  isSsprCapable: false,
  isMfaRegistered: methods.length > 0,
  isMfaCapable: true,
  isPasswordlessCapable: false,
  methodsRegistered: methods,
  isSystemPreferredAuthenticationMethodEnabled: true,
  systemPreferredAuthenticationMethods: ['push'],
  userPreferredMethodForSecondaryAuthentication: 'push',
  lastUpdatedDateTime: '2026-11-30T11:58:46.8823016Z',
});

const rolePath = `GET /v1.0/directoryRoles(roleTemplateId='${globalAdministratorTemplateId}')/members`;
const registrationPath = 'GET /v1.0/reports/authenticationMethods/userRegistrationDetails';
const page = (value: unknown[], context: string) => ({
  body: { '@odata.context': `https://graph.microsoft.com/v1.0/$metadata#${context}`, value },
});

/** Alex declared with the Authenticator prompt on his phone; Adele not declared at all. */
function declared(): Inventory {
  const result = parseInventory(
    [
      'version: 1',
      'asOf: 2026-12-04',
      'accounts: []',
      'factors:',
      '  people: [{ id: alex, name: Alex }]',
      '  devices: [{ id: alex-phone, kind: phone, holder: alex }]',
      'outsideAccounts:',
      '  - { id: contoso, provider: microsoft-entra, name: Contoso, globalAdmins: [alex-entra] }',
      '  - id: alex-entra',
      '    provider: microsoft',
      '    tenant: contoso',
      '    login: AlexW@contoso.com',
      '    holder: alex',
      '    twoStepVerification: on',
      '    secondFactors: [{ type: prompt, heldBy: alex-phone }]',
      '',
    ].join('\n'),
    'lockout.yaml',
  );
  if (!result.ok) throw new Error(result.errors.map((error) => error.message).join('\n'));
  return result.inventory;
}

let server: RecordedServer | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  await server?.close();
  server = undefined;
});

async function judged() {
  vi.stubEnv('AZURE_TENANT_ID', '');
  server = await recordedServer({
    [rolePath]: [
      page(
        [member('AlexW@contoso.com', 'Alex Wilber'), member('AdeleV@contoso.com', 'Adele Vance')],
        'directoryObjects',
      ),
    ],
    [registrationPath]: [
      page(
        [
          registration('AlexW@contoso.com', [
            'microsoftAuthenticatorPush',
            'softwareOneTimePasscode',
            'mobilePhone',
          ]),
          registration('AdeleV@contoso.com', ['fido2SecurityKey', 'email']),
        ],
        'reports/authenticationMethods/userRegistrationDetails',
      ),
    ],
  });
  const facts = await scanEntra({ baseUrl: server.baseUrl, token: () => Promise.resolve('test-token') });
  return judgeOutsideScans([facts], { inventory: declared() }, '2026-12-04');
}

const microsoftAccount = (inventory: Inventory, login: string): MicrosoftAccount =>
  inventory.outsideAccounts!.find(
    (account): account is MicrosoftAccount => account.provider === 'microsoft' && account.login === login,
  )!;

describe('Entra: the registered methods merged as second steps', () => {
  it('keeps a declared kind on its declared device and adds the others on factors nobody vouched for', async () => {
    const { reconciled } = await judged();
    const { inventory } = reconciled;
    const alex = microsoftAccount(inventory, 'AlexW@contoso.com');
    expect(alex.id).toBe('alex-entra');
    const steps = alex.secondFactors!;
    expect(steps.map((step) => step.type)).toEqual(['prompt', 'authenticator', 'sms', 'voice']);
    expect(steps[0]).toEqual({ type: 'prompt', heldBy: 'alex-phone' });
    // The Authenticator code: a device whose holder is not declared, unknown.
    const codeDevice = inventory.factors!.devices!.find((device) => device.id === steps[1]!.heldBy);
    expect(codeDevice).toMatchObject({ kind: 'phone', state: 'unknown' });
    expect(codeDevice!.label).toMatch(/AlexW@contoso\.com.*not declared/);
    // SMS and voice are one mobile phone method: one number, not declared, unknown.
    expect(steps[2]!.heldBy).toBe(steps[3]!.heldBy);
    const number = inventory.factors!.phoneNumbers!.find((phone) => phone.id === steps[2]!.heldBy);
    expect(number).toMatchObject({ state: 'unknown' });
    expect(number!.number).toBeUndefined();

    // Adele, seen but not declared: her security key, its holder unknown (e-mail serves password reset only).
    const adele = microsoftAccount(inventory, 'AdeleV@contoso.com');
    expect(adele.secondFactors?.map((step) => step.type)).toEqual(['security-key']);
    const key = inventory.factors!.devices!.find((device) => device.id === adele.secondFactors![0]!.heldBy);
    expect(key).toMatchObject({ kind: 'security-key', state: 'unknown' });

    // Where each came from: seen, with the call.
    expect(reconciled.provenance).toEqual(
      expect.arrayContaining([
        {
          accountId: 'alex-entra',
          field: 'secondFactors',
          source: 'seen',
          detail: graphCalls.registration.call,
        },
        { accountId: adele.id, field: 'secondFactors', source: 'seen', detail: graphCalls.registration.call },
      ]),
    );
  });

  it('counts a factor whose holder is not declared as an unknown loss, never as safe', async () => {
    const { reconciled, analysis } = await judged();
    const alex = microsoftAccount(reconciled.inventory, 'AlexW@contoso.com');
    expect(alex.secondFactors).toHaveLength(4);
    for (const step of alex.secondFactors!) {
      const meaning = analysis.events.get(step.heldBy);
      const event = analysis.graph.events.find((candidate) => candidate.name === step.heldBy);
      if (step.heldBy === 'alex-phone') {
        expect(isUnknownLoss(meaning)).toBe(false);
        expect(event?.lost).toBe(false);
      } else {
        expect(isUnknownLoss(meaning), step.heldBy).toBe(true);
        expect(event?.lost, step.heldBy).toBe(true);
      }
    }
  });

  it('leaves the declared second steps alone when the methods could not be read', async () => {
    vi.stubEnv('AZURE_TENANT_ID', '');
    const refused = {
      status: 403,
      body: { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges.' } },
    };
    server = await recordedServer({
      [rolePath]: [page([member('AlexW@contoso.com', 'Alex Wilber')], 'directoryObjects')],
      [registrationPath]: [refused],
    });
    const facts = await scanEntra({ baseUrl: server.baseUrl, token: () => Promise.resolve('test-token') });
    const { reconciled } = judgeOutsideScans([facts], { inventory: declared() }, '2026-12-04');
    const alex = microsoftAccount(reconciled.inventory, 'AlexW@contoso.com');
    expect(alex.secondFactors).toEqual([{ type: 'prompt', heldBy: 'alex-phone' }]);
    expect(reconciled.provenance).toEqual(
      expect.arrayContaining([
        { accountId: 'alex-entra', field: 'secondFactors', source: 'attested', detail: 'inventory' },
      ]),
    );
  });
});
