/**
 * Renders docs/rules.md from the provider model: every rule with what it says, its validity and its sources;
 * every timing of a way back, factor restore, identity-verification phase and dunning figure with its range
 * and sources. The page is data made readable, so it is generated, never edited: `npm run rules-doc` writes
 * it and test/providers/rules-doc.test.ts fails when it drifts.
 */

import type { DurationRange } from '../../analysis/graph.js';
import {
  dunning,
  factorRestore,
  identityVerificationPhases,
  rootMfaEnforcement,
  rules,
  timings,
  type Rule,
  type Source,
  type Timing,
} from './provider-model.js';
import { googleRules, googleTimings } from '../google/provider-model.js';
import { workspaceRules, workspaceTimings } from '../google-workspace/provider-model.js';
import { microsoftRules, microsoftTimings } from '../microsoft/provider-model.js';
import { onePasswordRules, onePasswordTimings } from '../1password/provider-model.js';
import { bitwardenRules, bitwardenTimings } from '../bitwarden/provider-model.js';
import { appleRules, appleTimings } from '../apple/provider-model.js';
import { githubRules, githubTimings } from '../github/provider-model.js';
import { numberRestore } from '../phone/provider-model.js';
import { registrarRules, registrarTimings } from '../registrar/provider-model.js';

/** The command that regenerates the page, printed on it and by the drift test. */
export const rulesDocCommand = 'npm run rules-doc';

/** Markdown special characters that would turn data (`payments:*`, `a_b`, `a|b`) into formatting. */
function text(value: string): string {
  return value.replace(/([\\`*_[\]|<>])/g, '\\$1');
}

/** A duration in the unit a reader thinks in: minutes under an hour, hours under two days, else days. */
export function formatHours(value: number): string {
  if (value === 0) return '0';
  if (value < 1) return `${round(value * 60)} min`;
  if (value < 48) return `${round(value)} h`;
  return `${round(value / 24)} days`;
}

const money = (cost: { amount: number; currency: string }): string =>
  `${cost.amount.toLocaleString('en-US')} ${cost.currency}`;

const round = (value: number): number => Math.round(value * 100) / 100;

function validity(rule: Pick<Rule, 'validFrom' | 'validUntil'>): string {
  if (rule.validFrom !== undefined && rule.validUntil !== undefined) {
    return `from ${rule.validFrom} to ${rule.validUntil}`;
  }
  if (rule.validFrom !== undefined) return `from ${rule.validFrom}`;
  if (rule.validUntil !== undefined) return `until ${rule.validUntil}`;
  return 'always';
}

function sourceLine(source: Source): string {
  const ref = source.kind === 'documented' ? `<${source.ref}>` : text(source.ref);
  const note = source.note === undefined ? '' : ` — ${text(source.note)}`;
  return `- ${source.kind}, checked ${source.checked}: ${ref}${note}`;
}

function sourceList(sources: readonly Source[] | undefined): string[] {
  if (sources === undefined || sources.length === 0) return ['- no source recorded'];
  return sources.map(sourceLine);
}

function range(duration: DurationRange): string[] {
  return [formatHours(duration.min), formatHours(duration.typical), formatHours(duration.max)];
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function table(head: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [row(head), row(head.map(() => '---')), ...rows.map(row)];
}

function ruleSection(rule: Rule): string[] {
  return [
    `### ${text(rule.title)}`,
    '',
    `Id \`${rule.id}\` · holds ${validity(rule)} · read more: <${rule.docs}>`,
    '',
    text(rule.summary),
    '',
    'Sources:',
    '',
    ...sourceList(rule.sources),
    '',
  ];
}

function timingSection(name: string, timing: Timing): string[] {
  const cost = timing.cost === undefined ? '' : `; costs ${money(timing.cost)}`;
  return [
    `### \`${name}\``,
    '',
    `${range(timing.duration).join(' / ')} (min / typical / max)${cost}. In short: ${text(timing.source)}.`,
    '',
    ...sourceList(timing.sources),
    '',
  ];
}

/** The dunning figures: every field of `dunning` that is a duration range. */
function dunningFigures(): [keyof typeof dunning.sources, DurationRange][] {
  return (Object.keys(dunning.sources) as (keyof typeof dunning.sources)[]).map((name) => [
    name,
    dunning[name],
  ]);
}

/** The providers outside AWS: Google's rules and timings, and what Lockout assumes of a provider it has no model of. */
function outsideSections(): string[] {
  return [
    '## Google accounts',
    '',
    'From src/providers/google/provider-model.ts: how an outside account with `provider: google` signs in and',
    "is recovered. Google's help pages were read as stored copies through the project's search of public pages",
    'on the day given; durations Google gives no figure for are estimates and say so.',
    '',
    ...table(
      ['Rule', 'Id', 'Holds'],
      Object.values(googleRules).map((rule: Rule) => [text(rule.title), `\`${rule.id}\``, validity(rule)]),
    ),
    '',
    ...Object.values(googleRules).flatMap((rule: Rule) => ruleSection(rule)),
    '### Timings of the Google ways',
    '',
    ...table(
      ['Way', 'Min', 'Typical', 'Max'],
      Object.entries(googleTimings).map(([name, timing]) => [
        `\`google.${name}\``,
        ...range(timing.duration),
      ]),
    ),
    '',
    ...Object.entries(googleTimings).flatMap(([name, timing]) => timingSection(`google.${name}`, timing)),
    ...providerSection(
      'Google Workspace',
      'src/providers/google-workspace/provider-model.ts: who administers an organisation (`provider: google-workspace`), how its super admins get back in, and the admin reset its users (`provider: google` with `workspace`) get.',
      'google-workspace',
      workspaceRules,
      workspaceTimings,
    ),
    ...providerSection(
      'Microsoft Entra ID',
      'src/providers/microsoft/provider-model.ts: how a work or school account (`provider: microsoft`) signs in and is reset, and who administers a tenant (`provider: microsoft-entra`).',
      'microsoft',
      microsoftRules,
      microsoftTimings,
    ),
    // Issue 16: GitHub, registrars, password managers and phone numbers.
    ...providerSection(
      'GitHub accounts and organisations',
      'src/providers/github/provider-model.ts: `provider: github` and `provider: github-organization`.',
      'github',
      githubRules,
      githubTimings,
    ),
    ...providerSection(
      'Domain registrars',
      "src/providers/registrar/provider-model.ts: `provider: registrar`, per-registrar facts (Route 53 Domains and Cloudflare sourced; Gandi, Namecheap, GoDaddy, Porkbun and others fall back on ICANN's floor).",
      'registrar',
      registrarRules,
      registrarTimings,
    ),
    ...providerSection(
      '1Password',
      'src/providers/1password/provider-model.ts: `provider: 1password`.',
      '1password',
      onePasswordRules,
      onePasswordTimings,
    ),
    ...providerSection(
      'Bitwarden',
      'src/providers/bitwarden/provider-model.ts: `provider: bitwarden`; emergency access takes the wait the owner declared.',
      'bitwarden',
      bitwardenRules,
      bitwardenTimings,
    ),
    ...providerSection(
      'Apple Accounts and iCloud Keychain',
      'src/providers/apple/provider-model.ts: `provider: apple`; a sync account (`provider: icloud-keychain`) naming it in `account` is lost with its sign-in.',
      'apple',
      appleRules,
      appleTimings,
    ),
    ...providerSection(
      'Phone numbers by carrier kind',
      "src/providers/phone/provider-model.ts: a phone number's `carrier.kind`. No carrier documents how long a SIM replacement or a port takes: these are observed estimates; `unknown` has none.",
      'phone',
      {},
      Object.fromEntries(
        Object.entries(numberRestore).flatMap(([kind, timing]) =>
          timing === undefined ? [] : [[kind, timing]],
        ),
      ),
    ),
    '## Other providers',
    '',
    'An outside account with `provider: other` is read generically: signing in takes the declared password and,',
    'unless 2-step verification is declared off, any one declared second step; its own account recovery and',
    'every timing are unknown, so a way through its recovery is always an unknown loss, never counted as safe.',
    '',
  ];
}

/** One outside provider's rules and timings, as the Google section lays them out. */
function providerSection(
  title: string,
  from: string,
  prefix: string,
  rules: Readonly<Record<string, Rule>>,
  timings: Readonly<Record<string, Timing>>,
): string[] {
  const ruleList = Object.values(rules);
  const timingList = Object.entries(timings);
  return [
    `## ${title}`,
    '',
    `From ${from} Each rule and timing names its sources and the day they were checked.`,
    '',
    ...(ruleList.length === 0
      ? []
      : [
          ...table(
            ['Rule', 'Id', 'Holds'],
            ruleList.map((rule) => [text(rule.title), `\`${rule.id}\``, validity(rule)]),
          ),
          '',
          ...ruleList.flatMap((rule) => ruleSection(rule)),
        ]),
    `### Timings: ${title}`,
    '',
    ...table(
      ['Way', 'Min', 'Typical', 'Max'],
      timingList.map(([name, timing]) => [`\`${prefix}.${name}\``, ...range(timing.duration)]),
    ),
    '',
    ...timingList.flatMap(([name, timing]) => timingSection(`${prefix}.${name}`, timing)),
  ];
}

/** docs/rules.md, before formatting (the script and the test format it with the project's Prettier). */
export function renderRulesDoc(): string {
  const phases = identityVerificationPhases;
  const lines: string[] = [
    '# AWS rules, timings and durations',
    '',
    `Generated by \`${rulesDocCommand}\` from src/providers/aws/provider-model.ts; do not edit by hand.`,
    '',
    'Every rule and figure Lockout applies, with its sources: **documented** (a page of the provider or its',
    'SDK changelog) or **observed** (the incident of 2022, a support reply, a sign-in seen; a description of',
    'the case; an estimate says so), each with the day it was last checked. A rule that holds only over an',
    'interval says so ("always": as far back as Lockout models); the analysis applies the rules in force on',
    "the inventory's `asOf`.",
    '',
    '## Rules',
    '',
    ...table(
      ['Rule', 'Id', 'Holds'],
      Object.values(rules).map((rule: Rule) => [text(rule.title), `\`${rule.id}\``, validity(rule)]),
    ),
    '',
    ...Object.values(rules).flatMap((rule: Rule) => ruleSection(rule)),
    '## Root MFA enforcement by kind of account',
    '',
    ...table(
      ['Account', 'Enforced from'],
      Object.entries(rootMfaEnforcement).map(([kind, day]) => [kind, day]),
    ),
    '',
    'AWS named months, not days: each day is the first of the month named (members: the day enforcement was',
    `announced for all account types). Sources: see "${text(rules.rootMfaEnforced.title)}" above.`,
    '',
    '## Timings of the ways back',
    '',
    ...table(
      ['Way', 'Min', 'Typical', 'Max'],
      Object.entries(timings).map(([name, timing]) => [`\`${name}\``, ...range(timing.duration)]),
    ),
    '',
    ...Object.entries(timings).flatMap(([name, timing]) => timingSection(name, timing)),
    '## Replacing a lost factor',
    '',
    ...table(
      ['Factor', 'Min', 'Typical', 'Max'],
      Object.entries(factorRestore).map(([name, timing]) => [`\`${name}\``, ...range(timing.duration)]),
    ),
    '',
    ...Object.entries(factorRestore).flatMap(([name, timing]) => timingSection(name, timing)),
    '## Identity verification, phase by phase',
    '',
    `Review is counted in business days; the other phases in calendar time. Form: <${phases.form}>.`,
    '',
    ...timingSection('notaryLeadTime', phases.notaryLeadTime),
    `### \`reviewBusinessDays\``,
    '',
    `${phases.reviewBusinessDays.duration.min} / ${phases.reviewBusinessDays.duration.typical} / ${phases.reviewBusinessDays.duration.max} business days (min / typical / max). In short: ${text(phases.reviewBusinessDays.source)}.`,
    '',
    ...sourceList(phases.reviewBusinessDays.sources),
    '',
    ...timingSection('mfaRemovalDelay', phases.mfaRemovalDelay),
    '### Cost',
    '',
    `${money(phases.cost)}. In short: ${text(phases.costSource)}.`,
    '',
    ...sourceList(phases.costSources),
    '',
    '## Unpaid bills: the dunning timeline',
    '',
    text(dunning.note),
    '',
    ...table(
      ['Figure', 'Min', 'Typical', 'Max'],
      dunningFigures().map(([name, duration]) => [`\`${name}\``, ...range(duration)]),
    ),
    '',
    ...dunningFigures().flatMap(([name]) => [
      `### \`${name}\``,
      '',
      ...sourceList(dunning.sources[name]),
      '',
    ]),
    ...outsideSections(),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}
