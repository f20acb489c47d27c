// Found by a fault probe: the template `lockout init --template` writes (every answer still a `# ?` question, no
// account) passed `lockout check` with exit 0 and "capabilities: none".
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nothingDeclared } from '../../src/checks/nothing-declared.js';
import { cli as run } from '../support/cli.js';
import { checkTable, inventoryYaml } from './check-tester.js';

checkTable(nothingDeclared, {
  valid: [
    { name: 'an AWS account', yaml: inventoryYaml() },
    {
      name: 'an account outside AWS alone (a scan of GitHub)',
      yaml: `version: 1
asOf: 2024-06-01
accounts: []
outsideAccounts:
  - { id: gh, provider: github, login: octocat }
`,
    },
  ],
  invalid: [
    {
      name: 'no account at all',
      yaml: inventoryYaml({ accounts: [] }),
      findings: [{ severity: 'high', messageIncludes: ['No account is declared', 'never counted as safe'] }],
    },
  ],
});

describe('the template lockout init writes', () => {
  it('does not pass lockout check: it says nothing is declared yet, and how to declare it', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'lockout-template-')), 'lockout.yaml');
    expect((await run(['init', '--template', '-o', file])).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('accounts: []');
    const { code, stdout } = await run(['check', file]);
    expect(code).toBe(1);
    expect(stdout).toContain('No account is declared');
    expect(stdout).toContain('lockout init');
  });
});
