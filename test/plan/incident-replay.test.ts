/**
 * Replaying the incident of 2022 must show what really happened: "past due" on 06-09, the suspension warning
 * on 06-17 ("unless paid by 06/30"), the notary booked for 06-27 and the affidavit submitted that day, approval
 * after 3 business days of review on 06-30, MFA removed 24 h later on 07-01 — after the deadline in US time —
 * and the hold on suspension as the way out, said first.
 */

import { describe, expect, it } from 'vitest';
import { runPlan } from '../../src/cli/plan-command.js';
import type { IncidentPlan, PlanStep } from '../../src/plan/plan.js';
import { AWS_TIME_ZONE, dayIn } from '../../src/plan/time.js';

const TOKYO = 'Asia/Tokyo';

async function replay(): Promise<{ output: string; exitCode: number; plan: IncidentPlan }> {
  return runPlan(undefined, {
    example: 'incident',
    notice: ['past-due:2022-06-09', 'suspension:2022-06-17'],
    deadline: '2022-06-30',
    now: '2022-06-17',
    booked: ['notary:2022-06-27'],
    tz: TOKYO,
  });
}

function step(plan: IncidentPlan, id: string): PlanStep {
  const found = plan.steps.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no step ${id}: ${plan.steps.map((s) => s.id).join(', ')}`);
  return found;
}

describe('the incident of 2022, replayed', () => {
  it('gives the real dates: notary and submission 06-27, approval 06-30, MFA removed 07-01', async () => {
    const { plan } = await replay();
    const notary = step(plan, 'notary-appointment');
    expect(notary.booked).toBe(true);
    expect(dayIn(notary.start, TOKYO)).toBe('2022-06-27');
    expect(notary.cost).toEqual({ amount: 11_500, currency: 'JPY' });
    const submitted = step(plan, 'submit-affidavit');
    expect(dayIn(submitted.end, TOKYO)).toBe('2022-06-27');
    // Three business days of review, counted in US Pacific, from Monday 06-27 there.
    const review = step(plan, 'aws-review');
    expect(review.awsSide).toBe(true);
    expect(dayIn(review.start, AWS_TIME_ZONE)).toBe('2022-06-27');
    expect(dayIn(review.end, AWS_TIME_ZONE)).toBe('2022-06-30');
    expect(dayIn(review.end, TOKYO)).toBe('2022-06-30');
    const removed = step(plan, 'mfa-removed');
    expect(removed.end.getTime() - review.end.getTime()).toBe(24 * 3_600_000);
    expect(dayIn(removed.end, AWS_TIME_ZONE)).toBe('2022-07-01');
    expect(dayIn(removed.end, TOKYO)).toBe('2022-07-01');
  });

  it('reads "unless paid by 06/30" as the end of that day US Pacific, and MFA comes off after it', async () => {
    const { plan } = await replay();
    expect(plan.deadline?.at.toISOString()).toBe('2022-07-01T07:00:00.000Z');
    expect(plan.deadline?.estimated).toBe(false);
    const removed = step(plan, 'mfa-removed');
    expect(removed.end > plan.deadline!.at).toBe(true);
    expect(removed.afterDeadline).toBe(true);
    expect(step(plan, 'aws-review').afterDeadline).toBe(false);
    expect(plan.verdict).toBe('late');
    expect(plan.slack!.typical).toBeLessThan(0);
    expect(plan.slack!.worst).toBeLessThan(plan.slack!.typical);
    // With the shortest review (2 business days) it would have fitted.
    expect(plan.slack!.best).toBeGreaterThan(0);
    expect(dayIn(plan.finish!.typical, AWS_TIME_ZONE)).toBe('2022-07-01');
  });

  it('marks the critical path from the booked appointment to the payment', async () => {
    const { plan } = await replay();
    const critical = plan.steps.filter((s) => s.critical).map((s) => s.id);
    expect(critical).toEqual([
      'notary-appointment',
      'submit-affidavit',
      'aws-review',
      'mfa-removed',
      'root-sign-in',
      'add-card',
      'pay-balance',
    ]);
    expect(step(plan, 'prepare-documents').critical).toBe(false);
    // Booked: no calls to notary offices any more.
    expect(plan.steps.some((s) => s.id === 'call-notaries')).toBe(false);
    // Then the repairs of what failed.
    const repairs = plan.steps.filter((s) => s.phase === 'repair').map((s) => s.id);
    expect(repairs).toEqual([
      'register-mfa',
      'update-contact-number',
      'activate-billing-access',
      'add-backup-card',
      'update-inventory',
    ]);
    for (const id of repairs) expect(step(plan, id).start >= step(plan, 'pay-balance').end).toBe(true);
    expect(plan.cost).toEqual([{ amount: 11_500, currency: 'JPY' }]);
  });

  it('says it is late first, and gives the hold on suspension as the way out with a ready request', async () => {
    const { output, exitCode, plan } = await replay();
    expect(exitCode).toBe(1);
    expect(plan.escalation?.first).toBe(true);
    expect(plan.steps[0]!.id).toBe('ask-for-hold');
    expect(plan.steps[0]!.phase).toBe('escalation');
    const lines = output.split('\n');
    expect(lines[0]).toBe('Incident plan — personal (111122223333), now Fri 2022-06-17 09:00 Asia/Tokyo');
    expect(lines[2]).toMatch(/^LATE: the recovery ends after the deadline/);
    const first = output.indexOf('DO THIS FIRST: ask AWS Support for a hold on suspension');
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(output.indexOf('Steps ('));
    expect(first).toBeLessThan(output.indexOf('Deadline 2022-06-30'));

    const request = plan.escalation!.request;
    expect(request).toMatch(/^Subject: AWS account 111122223333: please hold the suspension/);
    expect(request).toContain('has an unpaid balance');
    expect(request).toContain('(card ending 4242) fails: the card is revoked');
    expect(request).toContain('a "past due" notice on 2022-06-09 and a suspension warning on 2022-06-17');
    expect(request).toContain('asking for payment by 2022-06-30');
    expect(request).toContain('Only the root user can change the payment method');
    expect(request).toContain(
      "MFA sign-in: Android phone from 2016 (held root's authenticator app) is lost. Alternative factors: Mobile number of 2016 is out of date (no longer ours).",
    );
    expect(request).toContain('The notary appointment is booked for 2022-06-27');
    expect(request).toContain('We expect MFA to be removed around 2022-07-01');
    expect(request).toContain(`until ${plan.escalation!.holdUntil!} (US Pacific)`);
    expect(plan.escalation!.holdUntil! > '2022-07-01').toBe(true);
    expect(request).toContain('Route 53 domain example.net');
    expect(request.trimEnd().endsWith('Alex Example')).toBe(true);
    expect(plan.escalation!.where).toContain('alex-admin');
  });

  it('prints the dates in both zones for what AWS does', async () => {
    const { output } = await replay();
    const text = output.replace(/\s+/g, ' ');
    expect(text).toContain('Mon 2022-06-27 14:00 → 15:00 Notary appointment (booked): sign the affidavit');
    expect(text).toContain('Mon 2022-06-27 17:00 → Thu 2022-06-30 17:00 AWS reviews the verification');
    expect(text).toContain('US Pacific 06-27 01:00 → 06-30 01:00');
    expect(text).toContain(
      'Thu 2022-06-30 17:00 → Fri 2022-07-01 17:00 AWS removes root MFA, 24 h after approval',
    );
    expect(text).toContain('US Pacific 06-30 01:00 → 07-01 01:00 · after the deadline');
    expect(text).toContain(
      'Deadline 2022-06-30: "unless paid by 2022-06-30": the end of that day, US Pacific — Fri 2022-07-01 00:00 US Pacific = Fri 2022-07-01 16:00 Asia/Tokyo.',
    );
    // The worst case (5 business days from Monday June 27) would end on Independence Day: not counted.
    expect(text).toContain('typically 3 (US Pacific, without US federal holidays) · worst end 07-05 20:00');
    expect(text).toContain('Not counted as business days in this plan: 2022-07-04 (Independence Day).');
  });

  it('JSON output carries the same plan', async () => {
    const { output } = await runPlan(undefined, {
      example: 'incident',
      notice: ['past-due:2022-06-09', 'suspension:2022-06-17'],
      deadline: '2022-06-30',
      now: '2022-06-17',
      booked: ['notary:2022-06-27'],
      tz: TOKYO,
      format: 'json',
    });
    const json = JSON.parse(output) as { verdict: string; steps: { id: string; end: string }[] };
    expect(json.verdict).toBe('late');
    expect(json.steps.find((s) => s.id === 'mfa-removed')!.end).toBe('2022-07-01T08:00:00.000Z');
  });
});
