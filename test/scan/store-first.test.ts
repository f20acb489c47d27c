// A scan can take half an hour: a --store that is not Lockout's is refused before the first call, not after
// the scan, whose report would then be lost. Every AWS call is answered in the test (nothing leaves the process).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScan } from '../../src/cli/scan-command.js';
import { StoreError } from '../../src/store/errors.js';
import { offlineScan } from '../support/offline-scan.js';

describe('lockout scan --store', () => {
  it('refuses a file that is not a Lockout store before calling AWS, and leaves it alone', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'lockout-store-first-'));
    const notes = path.join(folder, 'notes.txt');
    writeFileSync(notes, 'my own notes\n');
    const calls: string[] = [];
    try {
      const scanning = runScan(
        offlineScan({
          store: notes,
          responder: (operation) => {
            calls.push(operation);
            return Object.assign(new Error('denied'), {
              name: 'AccessDeniedException',
              $metadata: { httpStatusCode: 403 },
            });
          },
        }),
      );
      await expect(scanning).rejects.toBeInstanceOf(StoreError);
      expect(calls).toEqual([]);
      expect(readFileSync(notes, 'utf8')).toBe('my own notes\n');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
