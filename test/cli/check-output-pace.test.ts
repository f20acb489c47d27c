/**
 * `lockout check --format json` writes a large report in pieces and waits for standard output to take each
 * one: written all at once into a pipe whose reader is slower (jq, a CI log), Node would hold the whole report
 * (version 1 wrote about 180 MB at 10,000 accounts; version 3, compact, 7 MB) in memory. The io's `drained`
 * stands for the pipe here. Pieces are of about a megabyte: 2,000 accounts write two.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

const work = mkdtempSync(join(tmpdir(), 'lockout-pace-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('lockout check output to a slow reader', () => {
  it('writes the next piece only once the previous one is taken', async () => {
    const generator = new URL('../../bench/org-inventory.mjs', import.meta.url).href;
    const { organizationInventoryYaml } = (await import(generator)) as {
      organizationInventoryYaml: (accounts: number) => string;
    };
    const file = join(work, 'org.yaml');
    writeFileSync(file, organizationInventoryYaml(2000));
    const pieces: string[] = [];
    let waiting = 0;
    let waits = 0;
    let writtenWhileWaiting = 0;
    const code = await main(['check', file, '--format', 'json', '--fail-on', 'none'], {
      stdout: (text) => {
        if (waiting > 0) writtenWhileWaiting += 1;
        pieces.push(text);
      },
      stderr: () => undefined,
      drained: async () => {
        waiting += 1;
        waits += 1;
        await new Promise((resolve) => setTimeout(resolve, 1));
        waiting -= 1;
      },
    });
    expect(code).toBe(0);
    expect(pieces.length).toBeGreaterThan(1);
    expect(waits).toBe(pieces.length);
    expect(writtenWhileWaiting).toBe(0);
    // The 2,000 AWS accounts, and the generator's accounts at its identity provider, mail provider and vault.
    const report = JSON.parse(pieces.join('')) as { accounts: { organization: string }[] };
    const aws = report.accounts.filter((account) => !account.organization.startsWith('outside'));
    expect(aws).toHaveLength(2000);
    expect(report.accounts.length).toBeGreaterThan(2000);
  });
});
