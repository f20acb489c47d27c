/**
 * One fact, one finding: every check runs on what `lockout scan` hands them (the inventory reconciled with
 * the scan, the scan, the contradictions), and a single live fact about root's MFA gives a single finding about
 * it, worded as what it is.
 */
import { describe, expect, it } from 'vitest';
import { checks } from '../../src/checks/index.js';
import { runChecks } from '../../src/checks/run.js';
import type { Finding } from '../../src/checks/check.js';
import { parseInventory } from '../../src/inventory/index.js';
import { analyzeRecovery } from '../../src/providers/aws/analysis.js';
import type { ScanResult } from '../../src/providers/aws/scan/facts.js';
import { reconcile } from '../../src/providers/aws/scan/reconcile.js';
import { account, inventoryYaml } from './check-tester.js';
import { actions, scanOf, seen, unknown } from './scan-fixtures.js';

const asOf = '2024-06-01';

/** Every check over a scan and, when given, the declared inventory, as `lockout scan` runs them. */
function scanFindings(scan: ScanResult, yaml?: string): Finding[] {
  let declared;
  let source;
  if (yaml !== undefined) {
    const parsed = parseInventory(yaml, 'lockout.yaml');
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    ({ inventory: declared, source } = parsed);
  }
  const reconciled = reconcile(scan, declared, asOf);
  const context = {
    inventory: reconciled.inventory,
    asOf,
    recovery: analyzeRecovery(reconciled.inventory, { asOf }),
    scan,
    contradictions: reconciled.contradictions,
  };
  return runChecks(checks, context, source);
}

/** The findings about root's MFA being off or missing, or its declaration contradicted. */
const aboutRootMfa = (findings: Finding[]): Finding[] =>
  findings.filter(
    (finding) =>
      finding.checkId === 'root-mfa-off' ||
      finding.checkId === 'root-mfa-missing' ||
      (finding.checkId === 'inventory-contradicted' && finding.message.startsWith('root.mfa')),
  );

/** AWS says root has no MFA: the account summary and the credential report agree, and no audit session ran. */
const mfaOff = scanOf({
  rootMfaEnabled: seen(false, actions.summary),
  rootCredentialReport: seen(
    { passwordEnabled: true, mfaActive: false, accessKey1Active: false, accessKey2Active: false },
    actions.credentialReport,
  ),
  rootMfaDevices: unknown('not-available', actions.rootAudit),
});

const twoDevices = inventoryYaml({
  factors: {
    devices: [
      { id: 'key-a', kind: 'security-key', label: 'YubiKey A' },
      { id: 'key-b', kind: 'security-key', label: 'YubiKey B' },
    ],
  },
  accounts: [
    account({
      root: {
        email: 'root-mail',
        mfa: [
          { type: 'fido', heldBy: 'key-a', verified: '2024-05-01' },
          { type: 'fido', heldBy: 'key-b', verified: '2024-05-01' },
        ],
      },
    }),
  ],
});

describe('one fact, one finding', () => {
  it('an inventory declaring two MFA devices and AWS showing none: one critical finding that says so', () => {
    const findings = aboutRootMfa(scanFindings(mfaOff, twoDevices));
    expect(findings.map((finding) => `${finding.checkId} ${finding.severity}`)).toEqual([
      'root-mfa-off critical',
    ]);
    const [finding] = findings;
    expect(finding!.message).toMatch(/^The inventory declares root MFA devices, but AWS shows none/);
    expect(finding!.message).not.toContain('attested');
    // It points at the declaration that AWS contradicts: root.mfa's devices.
    const lines = twoDevices.split('\n');
    const mfaLine = lines.findIndex((line) => line.trimStart().startsWith('mfa:'));
    expect(lines[mfaLine + 1]).toMatch(/- type: fido/);
    expect(finding!.location?.line).toBe(mfaLine + 2);
  });

  it('a first scan with no inventory that sees root without MFA: one finding, and nothing said to be attested', () => {
    const findings = aboutRootMfa(scanFindings(mfaOff));
    expect(findings.map((finding) => finding.checkId)).toEqual(['root-mfa-off']);
    expect(findings[0]!.message).toMatch(/^Root has no MFA \(seen by /);
  });

  it('mfa: [] written in the inventory, with nothing seen, is still said to be attested', () => {
    const attested = inventoryYaml({ accounts: [account({ root: { email: 'root-mail', mfa: [] } })] });
    const notSeen = scanOf({
      rootMfaEnabled: unknown('access-denied', actions.summary),
      rootCredentialReport: unknown('access-denied', actions.credentialReport),
      rootMfaDevices: unknown('access-denied', actions.rootAudit),
      rootVirtualMfaDevices: unknown('access-denied', actions.virtualMfa),
    });
    const findings = aboutRootMfa(scanFindings(notSeen, attested));
    expect(findings.map((finding) => finding.checkId)).toEqual(['root-mfa-missing']);
    expect(findings[0]!.message).toContain('mfa: [] is attested');
  });

  it('mfa: [] written in the inventory and confirmed by AWS: one finding', () => {
    const attested = inventoryYaml({ accounts: [account({ root: { email: 'root-mail', mfa: [] } })] });
    const findings = aboutRootMfa(scanFindings(mfaOff, attested));
    expect(findings.map((finding) => finding.checkId)).toEqual(['root-mfa-off']);
  });
});
