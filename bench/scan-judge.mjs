/**
 * What `lockout scan` and `lockout init` do with a scan once AWS has answered, at Organization scale: judge it
 * (reconcile it into an inventory, analyse, run the checks: `judgeScan`) and write the starter inventory
 * (`starterFromScan`). The scan is made here, in the shapes the scanner records, as an Organization of N
 * members shows itself to a scanner that may read each member's contact information, alternate contacts and
 * root email (each member its own contact number, billing contact and root address; every hundredth a public
 * hosted zone), with root MFA off and the rest unknown, as moto answers it. Each step is timed in one process,
 * after a warm-up at the first size: a lookup per account over lists that grow with the accounts makes these grow
 * with the square of N, which the benchmark's ratio between sizes shows.
 *
 * Usage: node bench/scan-judge.mjs --members N[,N…] (prints one JSON line: seconds per size and step)
 */
import { judgeScan } from '../dist/check.js';
import { starterFromScan } from '../dist/init/from-scan.js';

const MANAGEMENT = '100000000000';
const AS_OF = '2025-06-01';

const seen = (value, action) => ({ status: 'seen', value, action });
const unknown = (action) => ({
  status: 'unknown',
  reason: 'access-denied',
  action,
  message: `User: arn:aws:iam::${MANAGEMENT}:user/scanner is not authorized to perform: ${action}`,
});

function accountFacts(accountId, index, role) {
  const number = String(index).padStart(6, '0');
  return {
    accountId,
    name: role === 'management' ? 'management' : `member-${number}`,
    organizationRole: role,
    state: 'ACTIVE',
    reached: seen(true, 'sts:AssumeRole'),
    rootMfaEnabled: seen(false, 'iam:GetAccountSummary'),
    rootAccessKeysPresent: seen(false, 'iam:GetAccountSummary'),
    rootCredentialReport: unknown('iam:GetCredentialReport'),
    rootVirtualMfaDevices: seen([], 'iam:ListVirtualMFADevices'),
    rootMfaDevices: unknown('sts:AssumeRoot'),
    contactInformation: seen(
      { name: 'Platform team', phoneNumber: `+81 90-${number.slice(0, 3)}-${number.slice(3)}0` },
      'account:GetContactInformation',
    ),
    alternateContacts: seen(
      { BILLING: { name: 'Finance', email: `billing+${number}@corp.example` } },
      'account:GetAlternateContact',
    ),
    primaryEmail: seen(`aws+${number}@corp.example`, 'account:GetPrimaryEmail'),
    billingPrincipals: unknown('iam:SimulatePrincipalPolicy'),
    recommendedActions: unknown('bcm-recommended-actions:ListRecommendedActions'),
    domains: seen([], 'route53domains:ListDomains'),
    hostedZones: seen(
      index % 100 === 0 ? [{ id: `Z${number}`, name: `app-${number}.example.com`, private: false }] : [],
      'route53:ListHostedZones',
    ),
    budgets: unknown('budgets:ViewBudget'),
    billingAlarms: unknown('cloudwatch:DescribeAlarms'),
  };
}

export function organizationScan(members) {
  const accounts = [accountFacts(MANAGEMENT, 0, 'management')];
  for (let index = 1; index <= members; index++)
    accounts.push(accountFacts(String(200000000000 + index), index, 'member'));
  return {
    startedAt: '2025-06-01T00:00:00Z',
    finishedAt: '2025-06-01T00:10:00Z',
    callerAccountId: MANAGEMENT,
    region: 'us-east-1',
    organization: {
      id: 'o-bench',
      managementAccountId: MANAGEMENT,
      featureSet: 'ALL',
      enabledFeatures: seen([], 'iam:ListOrganizationsFeatures'),
    },
    accounts,
    stats: { apiCalls: 0, retries: 0, accountsReached: accounts.length, accountsFailed: 0 },
  };
}

function timed(run) {
  const started = performance.now();
  const result = run();
  return { seconds: (performance.now() - started) / 1000, result };
}

function measure(members) {
  const scan = organizationScan(members);
  const judged = timed(() => judgeScan(scan, undefined, AS_OF));
  const starter = timed(() => starterFromScan(scan, AS_OF, 'lockout.yaml'));
  return {
    members,
    judgeSeconds: judged.seconds,
    findings: judged.result.findings.length,
    starterSeconds: starter.seconds,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const at = process.argv.indexOf('--members');
  const sizes = (at === -1 ? '1000,10000' : process.argv[at + 1]).split(',').map(Number);
  measure(sizes[0]);
  process.stdout.write(`${JSON.stringify({ sizes: sizes.map(measure) })}\n`);
}
