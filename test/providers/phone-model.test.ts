// Issue 16: getting a lost number back by the kind of its carrier. No carrier documents the duration of a
// SIM replacement or a port: the figures are observed estimates and say so; `unknown` has none.
import { describe, expect, it } from 'vitest';
import type { Factor } from '../../src/model/inventory.js';
import { awsProvider } from '../../src/providers/aws/recovery-graph.js';
import { numberRestore } from '../../src/providers/phone/provider-model.js';
import { timingBasis } from '../../src/recovery/rules.js';

const number = (carrier?: Extract<Factor, { type: 'phone-number' }>['carrier']): Factor => ({
  type: 'phone-number',
  id: 'n',
  carrier,
});

describe('restoring a phone number by carrier kind', () => {
  it('a declared kind gives its own figure; an MVNO takes longer than a postpaid line; VoIP is a sign-in', () => {
    const postpaid = awsProvider.restoreTime(number({ kind: 'postpaid' }))!;
    const mvno = awsProvider.restoreTime(number({ kind: 'mvno', name: 'Ultra' }))!;
    const voip = awsProvider.restoreTime(number({ kind: 'voip' }))!;
    expect(mvno.typical).toBeGreaterThan(postpaid.typical);
    expect(voip.typical).toBeLessThan(postpaid.typical);
  });

  it('an unknown kind has no duration: the number is not counted as coming back', () => {
    expect(awsProvider.restoreTime(number({ kind: 'unknown' }))).toBeUndefined();
  });

  it('a carrier given by name only keeps the figure it had before', () => {
    expect(awsProvider.restoreTime(number('docomo'))).toEqual(awsProvider.restoreTime(number()));
  });

  it('every SIM figure says it is observed: no documented duration exists', () => {
    for (const kind of ['postpaid', 'prepaid', 'mvno'] as const) {
      const timing = numberRestore[kind]!;
      expect(timing.source).toMatch(/observed estimate: no documented duration/);
      expect(timing.sources?.some((s) => s.kind === 'observed' && s.ref.includes('no carrier page'))).toBe(
        true,
      );
      expect(timing.sources?.every((s) => s.checked === '2026-12-04')).toBe(true);
    }
    expect(timingBasis(numberRestore.voip!)).toBe('observed');
  });
});
