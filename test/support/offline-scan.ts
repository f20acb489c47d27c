// `lockout scan` options for a scan whose every AWS call the test answers itself (the `responder`): the
// endpoint is a closed local port, so nothing could leave the process even if a call went unanswered.
import type { ScanCommandOptions } from '../../src/cli/scan-command.js';

export function offlineScan(
  options: Pick<ScanCommandOptions, 'store' | 'responder'> & Partial<ScanCommandOptions>,
): ScanCommandOptions {
  return {
    endpointUrl: 'http://127.0.0.1:9',
    region: 'us-east-1',
    org: false,
    roleName: 'OrganizationAccountAccessRole',
    concurrency: 1,
    maxAttempts: 1,
    format: 'text',
    failOn: 'none',
    color: false,
    progress: false,
    ...options,
  };
}
