// Issue 13, scan messages: an inventory account the scan did not see, or a scanned account the inventory does
// not declare, is said — in the JSON and in each format — and the hosted zones seen are reported.
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/cli/check-command.js';
import { parseInventory } from '../../src/inventory/index.js';
import { hostedZonesSeen, matchAccounts } from '../../src/providers/aws/scan/reconcile.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderTerminal } from '../../src/report/terminal.js';
import { accountFacts, factActions, scanResult, seen } from '../store/scan-builder.js';

const declared = parseInventory(
  `version: 1
accounts:
  - { id: '111111111111', name: personal, organization: standalone }
  - { id: '999999999999', name: typo, organization: standalone }
`,
  'lockout.yaml',
);

describe('the accounts of the inventory against the accounts scanned', () => {
  const scan = scanResult({
    accounts: [
      accountFacts('111111111111', {
        hostedZones: seen(
          [
            { id: 'Z1', name: 'example.net', private: false },
            { id: 'Z2', name: 'internal.example', private: true },
          ],
          factActions.hostedZones,
        ),
      }),
      accountFacts('222222222222'),
    ],
  });

  it('names the inventory accounts not scanned and the scanned accounts not declared', () => {
    if (!declared.ok) throw new Error('inventory does not load');
    expect(matchAccounts(declared.inventory, scan)).toEqual({
      notScanned: [{ id: '999999999999', name: 'typo' }],
      notDeclared: [{ id: '222222222222', name: expect.any(String) as string }],
    });
    expect(hostedZonesSeen(scan)).toEqual(['example.net', 'internal.example']);
  });

  it('says both in the terminal and in Markdown, with the zones seen', async () => {
    if (!declared.ok) throw new Error('inventory does not load');
    const { report } = await runCheck(undefined, {
      example: 'incident',
      format: 'json',
      failOn: 'none',
      color: false,
    });
    report.scan = {
      callerAccountId: '111111111111',
      region: 'us-east-1',
      startedAt: scan.startedAt,
      finishedAt: scan.finishedAt,
      accounts: 2,
      reached: 2,
      failed: 0,
      apiCalls: 40,
      retries: 0,
      unknownFacts: 0,
      provenance: [],
      contradictions: [],
      hostedZones: hostedZonesSeen(scan),
      accountsMatch: matchAccounts(declared.inventory, scan),
    };
    const terminal = renderTerminal(report, { color: false });
    expect(terminal).toContain('in the inventory but not scanned: typo (999999999999)');
    expect(terminal).toMatch(/scanned but not in the inventory: [^\n]*222222222222/);
    expect(terminal).toContain('hosted zones seen: example.net, internal.example');
    const markdown = renderMarkdown(report);
    expect(markdown).toContain('in the inventory but not scanned: typo (999999999999)');
    expect(markdown).toContain('Hosted zones seen: `example.net`');
  });
});
