/**
 * `lockout diff` keeps the owner's inventory edits apart from changes in AWS: each scan is stored with the
 * inventory it was judged against, and the earlier scan is judged again against the later inventory, so a
 * finding an edit resolved reads as the inventory's doing, and a fact AWS changed as AWS's.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { judgeScan } from '../../src/check.js';
import { runDiff } from '../../src/cli/history-command.js';
import { parseInventory } from '../../src/inventory/index.js';
import type { Inventory } from '../../src/model/inventory.js';
import type { ScanResult } from '../../src/providers/aws/scan/facts.js';
import { diffStoredScans } from '../../src/store/drift-apart.js';
import { loadScan, openStore, saveScan } from '../../src/store/index.js';
import { accountFacts, scanResult, seen, factActions } from './scan-builder.js';

function inventoryOf(cards: string): Inventory {
  const parsed = parseInventory(
    `
version: 1
asOf: 2024-06-01
factors:
  cards:
${cards}
accounts:
  - id: '111111111111'
    name: personal
    organization: standalone
    payment: { cards: [${cards.includes('second') ? 'first, second' : 'first'}] }
`,
    'inline.yaml',
  );
  if (!parsed.ok) throw new Error(parsed.errors.map((error) => error.message).join('\n'));
  return parsed.inventory;
}

const oneCard = inventoryOf(`    - { id: first, lastFour: '1111', expires: 2030-01, status: ok }`);
const twoCards = inventoryOf(
  `    - { id: first, lastFour: '1111', expires: 2030-01, status: ok }\n    - { id: second, lastFour: '2222', expires: 2030-01, status: ok }`,
);

function storeWith(scans: [ScanResult, Inventory | undefined][]): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'lockout-diff-')), 'lockout.db');
  const store = openStore(file);
  for (const [scan, inventory] of scans) {
    const day = scan.startedAt.slice(0, 10);
    const { findings } = judgeScan(scan, inventory ? { inventory } : undefined, day);
    saveScan(store, scan, findings, { inventory });
  }
  store.close();
  return file;
}

const later = { startedAt: '2024-06-08T08:00:00.000Z', finishedAt: '2024-06-08T08:00:42.000Z' };

describe('diff keeps inventory edits apart from changes in AWS', () => {
  it('stores the inventory with the scan and reads it back', () => {
    const file = storeWith([[scanResult(), oneCard]]);
    const store = openStore(file);
    try {
      expect(loadScan(store, 1).inventory).toEqual(oneCard);
    } finally {
      store.close();
    }
  });

  it('an edit alone (a second card declared) is the inventory, and AWS shows no change', () => {
    const file = storeWith([
      [scanResult(), oneCard],
      [scanResult(later), twoCards],
    ]);
    const store = openStore(file);
    const apart = diffStoredScans(loadScan(store, 1), loadScan(store, 2));
    store.close();
    expect(apart).toMatchObject({ inventoriesCompared: true, inventoryEdited: true });
    const edits = apart.changes.filter((change) => change.source === 'inventory');
    expect(edits.map((change) => [change.kind, change.before])).toContainEqual([
      'finding-resolved',
      'single-payment-method',
    ]);
    expect(apart.changes.filter((change) => change.source === 'aws')).toEqual([]);
    const text = runDiff({ store: file, format: 'text' });
    expect(text).toContain('In AWS: no change');
    expect(text).toMatch(/In the inventory \(your edits[^\n]*\n[\s\S]*resolved single-payment-method/);
  });

  it('a change in AWS with the inventory unchanged is not put on the inventory', () => {
    const noMfa = accountFacts('111111111111', {
      rootMfaEnabled: seen(false, factActions.rootMfaEnabled),
    });
    const file = storeWith([
      [scanResult(), oneCard],
      [scanResult({ ...later, accounts: [noMfa] }), oneCard],
    ]);
    const text = runDiff({ store: file, format: 'text' });
    expect(text).toContain('root-mfa-disabled');
    expect(text).not.toContain('In the inventory');
  });

  it('both at once: each change on its own side', () => {
    const noMfa = accountFacts('111111111111', {
      rootMfaEnabled: seen(false, factActions.rootMfaEnabled),
    });
    const file = storeWith([
      [scanResult(), oneCard],
      [scanResult({ ...later, accounts: [noMfa] }), twoCards],
    ]);
    const store = openStore(file);
    const { changes } = diffStoredScans(loadScan(store, 1), loadScan(store, 2));
    store.close();
    const side = (kind: string, before?: unknown) =>
      changes.find((change) => change.kind === kind && (before === undefined || change.before === before))
        ?.source;
    expect(side('root-mfa-disabled')).toBe('aws');
    expect(side('finding-resolved', 'single-payment-method')).toBe('inventory');
  });

  it('says when it cannot tell them apart: a scan stored without its inventory', () => {
    const file = storeWith([
      [scanResult(), undefined],
      [scanResult(later), oneCard],
    ]);
    const text = runDiff({ store: file, format: 'text' });
    expect(text).toContain('The inventory was not kept with both scans');
  });
});
