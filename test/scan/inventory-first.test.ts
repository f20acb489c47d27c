// A scan given an inventory with a mistake stops before the first AWS call, with the same message as
// `lockout check`: each problem with its file, line and field, counted in plain words. Every AWS call would be
// answered in the test (nothing leaves the process).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readInventoryInput } from '../../src/cli/inventory-input.js';
import { runScan } from '../../src/cli/scan-command.js';
import { offlineScan } from '../support/offline-scan.js';

describe('lockout scan --inventory with a mistake', () => {
  it('says "1 problem", names file and line, and calls nothing, as check does', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'lockout-inventory-first-'));
    const file = path.join(folder, 'lockout.yaml');
    writeFileSync(
      file,
      "version: 1\naccounts:\n  - id: '111122223333'\n    name: main\n    organization: nowhere\n",
    );
    const calls: string[] = [];
    try {
      const scanning = runScan(
        offlineScan({
          store: path.join(folder, 'store.db'),
          inventory: file,
          responder: (operation) => {
            calls.push(operation);
            return new Error('not expected');
          },
        }),
      );
      const error = await scanning.then(
        () => undefined,
        (rejected: unknown) => rejected as Error,
      );
      expect(error?.message).toMatch(/^the inventory has 1 problem:\n/);
      expect(error?.message).toContain(`${file}:5:`);
      expect(calls).toEqual([]);
      const checking = await readInventoryInput(file, {}).then(
        () => undefined,
        (rejected: unknown) => rejected as Error,
      );
      expect(checking?.message).toBe(error?.message);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
