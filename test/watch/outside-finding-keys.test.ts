// Findings about accounts outside AWS carry no AWS account id: the watch must still tell two organisations'
// findings of one check apart, or the second is folded into the first and never alerted (nothing lost).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { conditionsOf } from '../../src/watch/index.js';
import { checkInventory } from '../../src/check.js';
import { readInventoryInput } from '../../src/cli/inventory-input.js';
import { buildRecoveryGraph } from '../../src/providers/aws/recovery-graph.js';
import { useWatchSandbox } from './sandbox.js';

const sandbox = useWatchSandbox('lockout-watch-outside-keys-', 'outside-keys-test-key', { openStore: false });

const secondOrganisation = `  - id: kumo-github-sandbox
    provider: github-organization
    name: kumo-sandbox on GitHub
    login: kumo-sandbox
    owners: [github-taro]
    twoFactorRequired: off
    verified: 2026-11-18
`;

describe('watch conditions of findings outside AWS', () => {
  it('one check on two GitHub organisations stands as two conditions, each naming its organisation', async () => {
    const startup = readFileSync(new URL('../../examples/startup-2026.yaml', import.meta.url), 'utf8');
    const anchor = '  - id: onepassword-hana\n';
    expect(startup).toContain(anchor);
    const file = sandbox.writeInventory(startup.replace(anchor, secondOrganisation + anchor));
    const input = await readInventoryInput(file, { asOf: '2026-12-01' });
    const recovery = buildRecoveryGraph(input.inventory, input.asOf);
    const { report, analysis } = checkInventory(input, recovery, { graph: false });
    const judged = { report, analysis, inventory: input.inventory, asOf: input.asOf };
    const singleOwner = report.findings.filter(
      (finding) => finding.checkId === 'github-organization-single-owner',
    );
    expect(singleOwner.map((finding) => finding.outsideAccountId).sort()).toEqual([
      'kumo-github',
      'kumo-github-sandbox',
    ]);
    const conditions = conditionsOf(judged).filter((condition) =>
      condition.key.startsWith('finding:github-organization-single-owner:'),
    );
    expect(conditions).toHaveLength(2);
    expect(new Set(conditions.map((condition) => condition.key)).size).toBe(2);
  });
});
