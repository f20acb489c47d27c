// A round's alerts on the terminal (alertListing in src/watch/channels/render.ts): one line each, or, past the
// limit, one line for what is said alike of many accounts or facts, with them counted and the first named.
import { describe, expect, it } from 'vitest';
import { alertListing } from '../../src/watch/channels/render.js';
import type { Alert } from '../../src/watch/compare.js';
import { titleSubject } from '../../src/watch/conditions.js';

function alert(title: string, accountId?: string, overrides: Partial<Alert> = {}): Alert {
  return {
    change: 'new',
    kind: 'capability',
    key: `${title}:${accountId ?? '-'}`,
    severity: 'high',
    title,
    message: 'm',
    accountId,
    ...overrides,
  };
}

describe('alertListing', () => {
  const few = [
    alert('Sign in as root at risk (member-1)', '1'),
    alert('Sign in as root at risk (member-2)', '2'),
  ];

  it('lists each alert on a line of its own up to the limit', () => {
    expect(alertListing(few)).toEqual([
      '  new      high     Sign in as root at risk (member-1)',
      '  new      high     Sign in as root at risk (member-2)',
    ]);
  });

  it('past the limit, says once what it says of many, counting and naming them, in the order they came', () => {
    const many: Alert[] = [];
    for (let n = 1; n <= 1200; n++) many.push(alert(`Sign in as root at risk (member-${n})`, String(n)));
    many.push(alert('Password manager recoverable by fewer than two people (Team vault)'));
    for (let n = 1; n <= 30; n++) {
      many.push(
        alert(`A single factor whose loss alone takes a capability (member-${n})`, String(n), {
          kind: 'finding',
          severity: 'medium',
        }),
      );
      many.push(
        alert(`A single factor whose loss alone takes a capability (member-${n})`, String(n), {
          kind: 'finding',
          severity: 'medium',
        }),
      );
    }
    many.push(alert('Sign in as root at risk (member-7)', '7', { change: 'resolved' }));
    for (const what of ['key-1', 'key-2'])
      many.push(
        alert(`Re-check ${what}: last verified on 2025-05-20`, undefined, {
          kind: 'stale-fact',
          severity: 'low',
        }),
      );
    expect(alertListing(many)).toEqual([
      '  new      high     Sign in as root at risk — 1,200 of them: member-1, member-2, member-3 and 1,197 more',
      // No single subject in its title (not an account's): on its own.
      '  new      high     Password manager recoverable by fewer than two people (Team vault)',
      '  new      medium   A single factor whose loss alone takes a capability — 30 of them (60 alerts): member-1, member-2, member-3 and 27 more',
      // Another change is another line.
      '  resolved high     Sign in as root at risk (member-7)',
      '  new      low      Re-check facts last verified on 2025-05-20 — 2 of them: key-1, key-2',
    ]);
  });
});

describe('titleSubject', () => {
  it('finds the account a title names in brackets only when the condition is about an account', () => {
    expect(
      titleSubject({ kind: 'capability', title: 'Keep the bill paid at risk (legacy-0013)', accountId: '1' }),
    ).toEqual({
      said: 'Keep the bill paid at risk',
      subject: 'legacy-0013',
    });
    expect(
      titleSubject({
        kind: 'finding',
        title: 'Losing a and b together locks you out (3 accounts)',
        accountId: undefined,
      }),
    ).toBeUndefined();
    expect(
      titleSubject({
        kind: 'stale-fact',
        title: 'Re-check aiko-phone: last verified on 2025-05-20',
        accountId: undefined,
      }),
    ).toEqual({
      said: 'Re-check facts last verified on 2025-05-20',
      subject: 'aiko-phone',
    });
  });
});
