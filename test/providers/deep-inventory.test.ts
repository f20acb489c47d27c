/**
 * A valid inventory whose factors depend on one another in a chain 5,000 long: the recovery graph's builder
 * followed dependsOn by recursion and died with "Maximum call stack size exceeded" (a stack trace, exit 3).
 * Root's password is in the last store and mail can reset it: losing root's mailbox and any one store of the
 * chain locks root out, so there are exactly n lockout sets of two factors. (Judged in 2023, before AWS enforced
 * root MFA: since then a root without MFA also needs its mailbox for a one-time code, see truth.test.ts.)
 */

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { parseInventory } from '../../src/inventory/index.js';
import { analyzeRecovery } from '../../src/providers/aws/analysis.js';

const ACCOUNT = '444455556666';

/** store-0 ← store-1 ← … ← store-(n−1), which holds root's password; root has no MFA. */
function chainInventory(n: number): string {
  const lines = [
    'version: 1',
    'owner: Deep',
    'asOf: 2023-11-24',
    'factors:',
    '  mailboxes:',
    '    - { id: root-box, address: root@example.com, provider: gmail }',
    '  passwordStores:',
  ];
  for (let i = 0; i < n; i++) {
    lines.push(i === 0 ? '    - { id: store-0 }' : `    - { id: store-${i}, dependsOn: [store-${i - 1}] }`);
  }
  lines.push(
    'accounts:',
    `  - id: '${ACCOUNT}'`,
    '    name: deep',
    '    organization: standalone',
    `    root: { email: root-box, password: { storedIn: store-${n - 1} }, mfa: [] }`,
  );
  return lines.join('\n') + '\n';
}

describe('an inventory with a dependency chain 5,000 long', () => {
  const n = 5_000;

  it('is analysed: root sign-in has n lockout sets, {root mailbox, any store of the chain}', () => {
    const parsed = parseInventory(chainInventory(n), 'deep.yaml');
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors.slice(0, 3)));
    const rootSignIn = analyzeRecovery(parsed.inventory, { asOf: '2023-11-24' }).capability(
      ACCOUNT,
      'root-sign-in',
    );
    expect(rootSignIn.singlePointsOfFailure).toEqual([]);
    expect(rootSignIn.lockoutSetCounts.slice(0, 3)).toEqual([0, 0, n]);
    expect(rootSignIn.lockoutSetCounts.slice(3).every((count) => count === 0)).toBe(true);
    for (const set of rootSignIn.lockoutSets) {
      expect(set.map((factor) => factor.id)).toEqual(['root-box', expect.stringMatching(/^store-\d+$/)]);
    }
  }, 60_000);

  it('lockout check reports on it without a stack trace', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'lockout-deep-')), 'deep.yaml');
    writeFileSync(file, chainInventory(n));
    let stderr = '';
    const code = await main(['check', file, '--format', 'json'], {
      stdout: () => undefined,
      stderr: (text) => (stderr += text),
    });
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stderr).toBe('');
    expect([0, 1]).toContain(code);
  }, 60_000);
});
