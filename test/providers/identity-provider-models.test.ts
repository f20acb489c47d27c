/**
 * The Google Workspace and Microsoft Entra models (issue 16) are sourced, dated data: every rule and timing
 * names where it comes from, documented ones on the provider's own pages with what the page says, each checked
 * on the day it was read; what no page documents (Entra's tenant recovery, durations) is observed. The rules
 * page carries them all.
 */
import { describe, expect, it } from 'vitest';
import {
  workspaceChecked,
  workspaceRules,
  workspaceTimings,
} from '../../src/providers/google-workspace/provider-model.js';
import {
  microsoftChecked,
  microsoftRules,
  microsoftTimings,
} from '../../src/providers/microsoft/provider-model.js';
import { formatHours, renderRulesDoc } from '../../src/providers/aws/rules-doc.js';
import type { Rule, Timing } from '../../src/recovery/rules.js';

const models = [
  {
    name: 'Google Workspace',
    rules: workspaceRules as Record<string, Rule>,
    timings: workspaceTimings as Record<string, Timing>,
    prefix: 'google-workspace',
    checked: workspaceChecked,
    host: /^https:\/\/(?:support\.google\.com\/a\/answer\/\d+|knowledge\.workspace\.google\.com\/|docs\.cloud\.google\.com\/)/,
  },
  {
    name: 'Microsoft Entra ID',
    rules: microsoftRules as Record<string, Rule>,
    timings: microsoftTimings as Record<string, Timing>,
    prefix: 'microsoft',
    checked: microsoftChecked,
    host: /^https:\/\/learn\.microsoft\.com\//,
  },
];

describe.each(models)('the $name model', ({ name, rules, timings, prefix, checked, host }) => {
  it.each(Object.entries(rules))(
    'rule %s has sources, each checked, documented ones at the provider with a note',
    (_id, rule) => {
      expect(rule.sources?.length).toBeGreaterThan(0);
      expect(rule.docs).toMatch(host);
      for (const source of rule.sources ?? []) {
        expect(source.checked).toBe(checked);
        if (source.kind === 'documented') {
          expect(source.ref).toMatch(host);
          expect(source.note, 'what the page says that the rule rests on').toBeTruthy();
        }
      }
    },
  );

  it('gives every timing sources and an ordered range', () => {
    for (const timing of Object.values(timings)) {
      expect(timing.sources?.length).toBeGreaterThan(0);
      const { min, typical, max } = timing.duration;
      expect(min <= typical && typical <= max).toBe(true);
    }
  });

  it('is on the generated rules page, every rule with its id and sources, every timing with its range', () => {
    const page = renderRulesDoc();
    const section = page.slice(page.indexOf(`## ${name}`));
    expect(section).not.toBe(page);
    for (const rule of Object.values(rules)) {
      const part = section.slice(section.indexOf(`### ${rule.title}`));
      expect(part).toContain(`Id \`${rule.id}\``);
      for (const source of rule.sources ?? []) {
        if (source.kind === 'documented') expect(part).toContain(`<${source.ref}>`);
      }
    }
    for (const [key, timing] of Object.entries(timings)) {
      const part = section.slice(section.indexOf(`### \`${prefix}.${key}\``));
      const { min, typical, max } = timing.duration;
      expect(part).toContain(`${formatHours(min)} / ${formatHours(typical)} / ${formatHours(max)}`);
    }
  });
});

describe('what the providers do not document stays observed', () => {
  it("Entra's recovery of a tenant with no usable Global Administrator rests on a Q&A answer only", () => {
    expect(microsoftRules.tenantRecovery.sources.map((source) => source.kind)).toEqual(['observed']);
  });

  it("Google's domain verification: minutes and 24 hours documented, 3-5 business days observed", () => {
    const kinds = workspaceTimings.domainVerification.sources.map((source) => source.kind);
    expect(kinds).toEqual(['documented', 'documented', 'observed']);
    expect(workspaceTimings.domainVerification.duration.min).toBeLessThanOrEqual(0.25);
    expect(workspaceTimings.domainVerification.duration.typical).toBe(24);
  });

  it('sign-ins and resets are estimates, never called documented', () => {
    expect(workspaceTimings.adminSignIn.sources.map((source) => source.kind)).toEqual(['observed']);
    expect(microsoftTimings.signIn.sources.map((source) => source.kind)).toEqual(['observed']);
  });
});
