/**
 * One vocabulary for where a capability stands, with one colour each, for every place that says it: the
 * terminal, JSON, Markdown and HTML reports, the recovery graph's picture and the dashboard (web/states.css is
 * generated from this file; a test keeps the two in step). Words carry the meaning; colour only underlines it.
 *
 * - lost now: known lost today.
 * - no fast way: holds, but no way exercises it within a day: the fastest left takes days (the incident of 2022:
 *   identity verification by AWS Support, about 9 days), which the dashboard paints red, locked out for now.
 * - unknown: counted as lost only because Lockout cannot see some fact (not declared, not seen).
 * - lost after DATE: holds today, lost once a bill left unpaid reaches its suspension date.
 * - one loss away: holds, but a single loss (a single point of failure) takes it.
 * - holds: no single loss takes it.
 */

import type { TopStatus } from '../analysis/analyze.js';

export const capabilityStates = [
  'lost-now',
  'no-fast-way',
  'unknown',
  'lost-after',
  'one-loss-away',
  'holds',
] as const;
export type CapabilityState = (typeof capabilityStates)[number];

export interface StateStyle {
  /** The state in words; "lost after" is followed by its date. */
  label: string;
  /** Text and border colour. */
  stroke: string;
  /** Background. */
  fill: string;
  /** The terminal's colour (SGR code). */
  ansi: number;
  /** Unknown is drawn dashed: a guess, not a fact. */
  dashed: boolean;
}

export const stateStyles: Readonly<Record<CapabilityState, StateStyle>> = {
  'lost-now': { label: 'lost now', stroke: '#c62828', fill: '#fde7e7', ansi: 31, dashed: false },
  'no-fast-way': { label: 'no fast way', stroke: '#d84315', fill: '#fbe9e7', ansi: 91, dashed: false },
  unknown: { label: 'unknown', stroke: '#546e7a', fill: '#eceff1', ansi: 36, dashed: true },
  'lost-after': { label: 'lost after', stroke: '#ad1457', fill: '#fce4ec', ansi: 35, dashed: false },
  'one-loss-away': { label: 'one loss away', stroke: '#b26a00', fill: '#fff3dc', ansi: 33, dashed: false },
  holds: { label: 'holds', stroke: '#2e7d32', fill: '#e7f4e8', ansi: 32, dashed: false },
};

/** What decides the state: the same facts in the reports and on the dashboard. */
export interface StateFacts {
  status: TopStatus;
  /** False when it counts as lost only through facts Lockout cannot see. */
  confirmed: boolean;
  /** 'lost' when it holds now but not once the suspension date has passed with the bill unpaid. */
  eventually?: TopStatus | undefined;
  /** How many factors' loss alone would take it. */
  singlePoints: number;
  /** Whether a way exercises it within a day (FAST_HOURS): one without ways, judged by whether it holds, is. */
  fast: boolean;
}

/** Ways that take less than this (typical, hours) count as fast: the owner is back within a day. */
export const FAST_HOURS = 24;

export function capabilityState(facts: StateFacts): CapabilityState {
  if (facts.status === 'lost') return facts.confirmed ? 'lost-now' : 'unknown';
  // Held only through days of recovery is worse than a date to come: it is what the owner has today.
  if (!facts.fast) return 'no-fast-way';
  if (facts.eventually === 'lost') return 'lost-after';
  return facts.singlePoints > 0 ? 'one-loss-away' : 'holds';
}

/** "lost now", "lost after 2022-06-30", "one loss away"… */
export function stateLabel(state: CapabilityState, lostAfter?: string): string {
  const label = stateStyles[state].label;
  return state === 'lost-after' && lostAfter !== undefined ? `${label} ${lostAfter}` : label;
}

/** The dashboard's stylesheet for the states (web/states.css): one class per state, from stateStyles. */
export function statesCss(): string {
  const rules = capabilityStates.map((state) => {
    const style = stateStyles[state];
    return (
      `.state-${state} {\n  --state: ${style.stroke};\n  --state-bg: ${style.fill};\n` +
      `  --state-border-style: ${style.dashed ? 'dashed' : 'solid'};\n}\n`
    );
  });
  return (
    '/* Generated from src/report/capability-state.ts (test/report/capability-state.test.ts keeps it in step):\n' +
    '   one class per capability state, each setting the colours the dashboard paints with. */\n' +
    rules.join('\n')
  );
}
