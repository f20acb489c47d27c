// How two rounds' conditions compare: a rise is an alert, a fall is quiet, a date's next lead time a reminder.
import { describe, expect, it } from 'vitest';
import { compareConditions, type Condition } from '../../src/watch/index.js';

const finding = (rank: number, severity: Condition['severity']): Condition => ({
  key: 'finding:root-mfa-off:111122223333:',
  kind: 'finding',
  severity,
  rank,
  title: 'Root has no MFA',
  message: 'root signs in with a password alone',
  accountId: '111122223333',
});
const capability = (lost: boolean): Condition => ({
  key: 'capability:111122223333:root-sign-in',
  kind: 'capability',
  severity: lost ? 'critical' : 'high',
  rank: lost ? 2 : 1,
  title: `Sign in as root ${lost ? 'lost' : 'at risk'}`,
  message: '…',
  accountId: '111122223333',
});

describe('compareConditions', () => {
  it('a finding that becomes more severe has worsened; one that becomes less severe says nothing', () => {
    expect(compareConditions([finding(8, 'medium')], [finding(9, 'high')])).toEqual([
      expect.objectContaining({ change: 'worsened', severity: 'high' }),
    ]);
    expect(compareConditions([finding(9, 'high')], [finding(8, 'medium')])).toEqual([]);
  });

  it('a capability at risk that is lost has worsened, and the reverse is quiet until it clears', () => {
    expect(compareConditions([capability(false)], [capability(true)])).toEqual([
      expect.objectContaining({ change: 'worsened', title: 'Sign in as root lost' }),
    ]);
    expect(compareConditions([capability(true)], [capability(false)])).toEqual([]);
    expect(compareConditions([capability(false)], [])).toEqual([
      expect.objectContaining({ change: 'resolved', key: 'capability:111122223333:root-sign-in' }),
    ]);
  });

  it('puts trouble before resolutions, and the worst trouble first', () => {
    const gone: Condition = { ...finding(7, 'low'), key: 'finding:x:111122223333:' };
    const alerts = compareConditions([gone], [finding(9, 'high'), capability(true)]);
    expect(alerts.map((alert) => [alert.change, alert.severity])).toEqual([
      ['new', 'critical'],
      ['new', 'high'],
      ['resolved', 'low'],
    ]);
  });
});
