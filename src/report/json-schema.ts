/**
 * The JSON Schema of `lockout check --format json` (a CheckReport as JSON), for tools that read the report.
 * Written by hand beside the type; tests validate real reports against it, refuse unknown keys and check
 * that every property it declares occurs in some report, so the two cannot drift apart unnoticed.
 */

import type { TopStatus } from '../analysis/analyze.js';
import { severities } from '../checks/check.js';
import { capabilityIds } from '../providers/aws/analysis.js';
import type { FactSource } from '../providers/aws/scan/reconcile.js';
import { capabilityStates, stateStyles } from './capability-state.js';
import { graphEdgeKinds, graphNodeKinds } from './graph-view.js';

/** Where the committed copy lives, relative to the repository root; a test keeps it in step with this file. */
export const checkReportJsonSchemaPath = 'schema/check-report.schema.json';

/** A JSON Schema document (draft-07), as plain data. */
export type JsonSchema = { [key: string]: JsonValue };
type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Returns the list as given; the compiler refuses it unless it names every member of T. */
const everyOf =
  <T extends string>() =>
  <const L extends readonly T[]>(list: L & ([Exclude<T, L[number]>] extends [never] ? unknown : never)): L =>
    list;

const topStatuses = everyOf<TopStatus>()(['lost', 'at-risk', 'cannot-be-lost']);
const factSources = everyOf<FactSource>()(['seen', 'attested', 'unknown']);

const ref = (name: string): JsonSchema => ({ $ref: `#/definitions/${name}` });

/** An object with exactly these properties; `optional` names the ones that may be absent. */
function object(
  description: string,
  properties: Record<string, JsonSchema>,
  optional: readonly string[] = [],
): JsonSchema {
  return {
    description,
    type: 'object',
    additionalProperties: false,
    required: Object.keys(properties).filter((key) => !optional.includes(key)),
    properties,
  };
}

const text = (description: string): JsonSchema => ({ description, type: 'string' });
const count = (description: string): JsonSchema => ({ description, type: 'integer', minimum: 0 });
const list = (description: string, items: JsonSchema): JsonSchema => ({ description, type: 'array', items });

function hours(nullable: boolean): JsonSchema {
  const type = nullable ? ['number', 'null'] : 'number';
  return object(
    nullable
      ? 'Hours: shortest, typical and longest. null stands for never (JSON has no Infinity): no way back.'
      : 'Hours: shortest, typical and longest.',
    {
      min: { description: 'Hours in the best case.', type },
      typical: { description: 'Hours in the typical case.', type },
      max: { description: 'Hours in the worst case.', type },
    },
  );
}

/** The version of the report's shape this schema describes (json-report.ts). */
const formatVersion = 3;

/** A key of the `checks` dictionary: a check id. */
const checkIdPattern = '^[a-z0-9]+(-[a-z0-9]+)*$';
/** A key of the `ways` dictionary: a way id, then `~2`, `~3`… for another text of the same way. */
const wayKeyPattern = '^[^~]+(~[0-9]+)?$';

/** A dictionary: any key matching `pattern`, each value `value` (and nothing else). */
function dictionary(description: string, pattern: string, value: JsonSchema): JsonSchema {
  return {
    description,
    type: 'object',
    additionalProperties: false,
    patternProperties: { [pattern]: value },
  };
}

const definitions: Record<string, JsonSchema> = {
  day: { description: 'A calendar day, YYYY-MM-DD.', type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
  severity: { description: 'How bad a finding is, most severe first.', enum: [...severities] },
  status: {
    description:
      'lost: gone now; at-risk: held, but some set of losses takes it; cannot-be-lost: no loss takes it.',
    enum: [...topStatuses],
  },
  state: {
    description:
      'Where a capability stands, as every report and the dashboard say it: lost-now (known lost), no-fast-way (holds, but the fastest way takes more than a day), unknown (counted as lost only because Lockout cannot see some fact), lost-after (holds until a suspension date passes with the bill unpaid), one-loss-away (a single loss takes it), holds.',
    enum: [...capabilityStates],
  },
  durationRange: hours(false),
  factorRef: object('A factor as reports name it.', {
    id: text('The factor id in the inventory.'),
    label: text("The factor's label."),
  }),
  wayText: object(
    "One way to exercise a capability (sign in with MFA, alternative factors, identity verification…): what it says wherever it is; the accounts' capabilities refer to it by key.",
    {
      id: text('Stable id of the way within its capability.'),
      label: text('What the way is, as a sentence fragment.'),
      short: text('A few words for sentences.'),
      duration: { ...ref('durationRange'), description: 'For a way that holds: how long it takes.' },
      cost: {
        description: "For a way that holds: what it costs, in the provider model's currency.",
        type: 'number',
      },
      currency: {
        description: 'The currency of `cost` (ISO 4217), when it costs something.',
        type: 'string',
      },
      docs: { description: "The provider's documentation of this way.", type: 'string' },
      basis: {
        description:
          'Whether its duration is documented by AWS or observed (an incident, support replies); docs/rules.md has each source.',
        enum: ['documented', 'observed'],
      },
    },
    ['duration', 'cost', 'currency', 'docs', 'basis'],
  ),
  way: object('One way to exercise a capability in this account: its text by key, and where it stands.', {
    way: { description: 'Its key in the top-level `ways`.', type: 'string', pattern: wayKeyPattern },
    status: ref('status'),
    lostBecause: list('For a lost way: the losses that take it (labels); empty otherwise.', {
      type: 'string',
    }),
    unknownOnly: {
      description:
        'Lost only because facts are unknown (not declared, not seen): counted as lost, not known to be; it would hold were they fine.',
      type: 'boolean',
    },
    unknownFacts: list(
      'Of the losses that take it, the facts Lockout cannot see (labels); empty when it holds.',
      { type: 'string' },
    ),
  }),
  checkText: object('What a check says of every finding of it, in the top-level `checks`.', {
    title: text("The check's title."),
    why: text('Why it matters.'),
    fix: text('What to do about it (a finding may say its own).'),
    docs: text("The provider's documentation behind the check (a finding may name its own)."),
  }),
  recovery: object(
    'The fastest way to exercise a capability from now, and how it compares with the deadline.',
    {
      possible: { description: 'Whether any way back remains.', type: 'boolean' },
      duration: hours(true),
      cost: { description: "What it costs, in the provider model's currency.", type: 'number' },
      currency: { description: 'The currency of `cost` (ISO 4217), when it is not zero.', type: 'string' },
      steps: list(
        'The steps, longest first: restoring lost factors and the provider processes.',
        object('One step of the recovery.', {
          label: text('What is done.'),
          kind: { description: 'Restoring a factor, or a provider process.', enum: ['restore', 'process'] },
          duration: ref('durationRange'),
        }),
      ),
      slack: {
        ...hours(false),
        description:
          'Hours to spare before the deadline (negative: late) in the best, typical and worst case; present with a deadline when recovery is possible.',
      },
    },
    ['slack', 'currency'],
  ),
  capability: object(
    'What the owner must be able to do for an account, with its ways and lockout sets.',
    {
      id: {
        description: "The capability: an AWS account's, or an outside account's sign-in.",
        enum: [...capabilityIds, 'sign-in'],
      },
      label: text('The capability in words.'),
      status: ref('status'),
      eventually: {
        description:
          '"lost" when it holds now but not once a bill left unpaid reaches its suspension date (absent otherwise).',
        enum: ['lost'],
      },
      confirmed: {
        description:
          'False when the capability counts as lost only through unknown facts: it would hold were they fine.',
        type: 'boolean',
      },
      unknownFacts: list(
        'When it counts as lost: the facts Lockout cannot see among what takes it (labels); empty otherwise.',
        { type: 'string' },
      ),
      state: ref('state'),
      stateLabel: text('The state in words: "lost now", "lost after 2022-06-30", "one loss away"…'),
      lostAfter: {
        ...ref('day'),
        description:
          'For lost-after: the day the suspension date passes, after which it is lost with the bill unpaid.',
      },
      improve: text('What moves it to the better state, in a sentence; absent when it holds.'),
      ways: list('Every way to exercise it.', ref('way')),
      singlePointsOfFailure: list('Factors whose loss alone takes the capability.', ref('factorRef')),
      lockoutSetCounts: list('Number of lockout sets by order (index = order, order 0 included).', {
        type: 'integer',
        minimum: 0,
      }),
      lockoutSets: list(
        'The lockout sets, smallest first, each a list of positions in the top-level `losses` (labels).',
        { type: 'array', items: { type: 'integer', minimum: 0 } },
      ),
      lockoutSetsAfterDeadline: list(
        'Positions in lockoutSets of the sets that bite only once a suspension date has passed with the bill unpaid.',
        { type: 'integer', minimum: 0 },
      ),
      fastest: ref('recovery'),
    },
    ['eventually', 'lockoutSetsAfterDeadline', 'lostAfter', 'improve'],
  ),
  scan: object(
    'What a live scan (`lockout scan`) did, and where each fact of the report came from.',
    {
      callerAccountId: text('The account whose credentials ran the scan.'),
      organizationId: text('The Organization scanned, with --org.'),
      region: text('The AWS Region the clients used.'),
      startedAt: { description: 'When the scan started (ISO 8601).', type: 'string' },
      finishedAt: { description: 'When the scan finished (ISO 8601).', type: 'string' },
      accounts: count('Accounts scanned.'),
      reached: count('Accounts whose APIs answered.'),
      failed: count('Accounts that could not be reached.'),
      apiCalls: count('API calls made.'),
      retries: count('Calls retried (throttling, timeouts).'),
      unknownFacts: count('Facts that could not be read, over all accounts.'),
      provenance: list(
        'Where each fact came from.',
        object('The source of one fact.', {
          accountId: text('The account.'),
          field: text('The fact, as an inventory field.'),
          source: {
            description: 'seen: read from AWS; attested: declared in the inventory; unknown: neither.',
            enum: [...factSources],
          },
          detail: text(
            'The API for a seen fact, the reason for an unknown one, the inventory for an attested one.',
          ),
        }),
      ),
      contradictions: list(
        'Declared facts the scan contradicts.',
        object(
          'One contradiction.',
          {
            accountId: text('The account.'),
            field: text('The inventory field.'),
            message: text('What the scan saw against what was declared.'),
            severity: {
              description: 'How much it matters, when the comparison says so (the scans outside AWS do).',
              enum: ['high', 'medium', 'low'],
            },
          },
          ['severity'],
        ),
      ),
      hostedZones: list('The hosted zones seen (names), over every account.', { type: 'string' }),
      accountsMatch: object(
        'With an inventory: its accounts the scan did not see, and the accounts seen that it does not declare.',
        {
          notScanned: list('Accounts of the inventory the scan did not see.', ref('namedAccount')),
          notDeclared: list(
            'Accounts the scan saw that the inventory does not declare.',
            ref('namedAccount'),
          ),
        },
      ),
    },
    ['organizationId', 'hostedZones', 'accountsMatch'],
  ),
  namedAccount: object(
    'An account by id, and name where known.',
    {
      id: text('The 12-digit account id.'),
      name: text('Its name.'),
    },
    ['name'],
  ),
  organizationLockoutSet: object('A smallest set of losses that takes a capability of some account.', {
    factors: list('The factors lost (labels).', { type: 'string' }),
    capability: { description: 'The capability taken.', enum: [...capabilityIds] },
    accounts: list('The accounts that lose it (names).', { type: 'string' }),
  }),
  location: object('Where in the inventory file the evidence is declared.', {
    file: text('The inventory file, as the user named it.'),
    line: { description: 'Line, from 1.', type: 'integer', minimum: 1 },
    column: { description: 'Column, from 1.', type: 'integer', minimum: 1 },
  }),
  finding: object(
    "A check's result. Its check's title, why, fix and docs are in the top-level `checks`, by checkId.",
    {
      checkId: text('The id of the check that found it (kebab-case, stable): its key in `checks`.'),
      severity: ref('severity'),
      accountId: text('The AWS account it is about, when it is about one.'),
      accountName: text("That account's name in the inventory."),
      outsideAccountId: text(
        'The account outside AWS it is about (an outsideAccounts id), when it is about one.',
      ),
      outsideAccountName: text("That account's name in the inventory."),
      message: text('The evidence, naming factors by their labels.'),
      factors: list('Ids of the factors involved.', { type: 'string' }),
      fix: text("What to do about it, when closer to this finding than its check's fix."),
      docs: text("Documentation closer to this finding than its check's."),
      location: ref('location'),
    },
    ['accountId', 'accountName', 'outsideAccountId', 'outsideAccountName', 'fix', 'docs', 'location'],
  ),
  account: object('A cloud account and what Lockout found about it.', {
    id: text('The AWS account id.'),
    name: text("The account's name in the inventory."),
    organization: text('Its role in an Organization (standalone, management, member).'),
    workloads: list('What suspension would take down.', { type: 'string' }),
    capabilities: list(
      "Each capability of the account, in order: its position in the report's `capabilities`.",
      { type: 'integer', minimum: 0 },
    ),
    story: list('The few sentences that matter most, in order.', { type: 'string' }),
  }),
  graphNode: object(
    "A node of an account's recovery graph: a capability, a way to exercise it, a gate of alternatives, or a factor.",
    {
      id: text('The gate or event name in the recovery graph; a factor is named by its id.'),
      label: text('What it is, in words.'),
      kind: { description: 'What the node stands for.', enum: [...graphNodeKinds] },
      status: ref('status'),
      singlePoint: {
        description: 'A factor whose loss alone takes a capability of this account.',
        type: 'boolean',
      },
      takenBy: list(
        'Factors (ids) whose loss alone takes this node; empty when it is lost already or no single loss does.',
        { type: 'string' },
      ),
      accountId: text(
        'For a capability: its account. One of another account (the management account) is drawn, not expanded.',
      ),
      lostBecause: text('For a factor or fact that already counts as lost: why.'),
    },
    ['accountId', 'lostBecause'],
  ),
  graphEdge: object('An edge of the recovery graph: `from` depends on `to`.', {
    from: text('The node that depends.'),
    to: text('The node it depends on.'),
    kind: {
      description:
        'needs: it needs every node it points to; any-of: one of them is enough; some-of: a number of them, as its label says.',
      enum: [...graphEdgeKinds],
    },
  }),
  accountGraph: object("An account's recovery graph.", {
    accountId: text('The account.'),
    nodes: list('Capabilities first, then what they rest on.', ref('graphNode')),
    edges: list('Who depends on what.', ref('graphEdge')),
  }),
};

/** The schema as draft-07 (what editors and most validators understand), fresh on every call. */
export function checkReportJsonSchema(): JsonSchema {
  const report = object(
    'The output of `lockout check --format json` (version 3): per account, each capability with its ways, single points of failure, lockout sets and the fastest way back (each result once, accounts alike sharing it); the findings; a summary; and the text they refer to, once.',
    {
      formatVersion: {
        description:
          "The version of this shape: 2 writes each way's and each check's text once (`ways`, `checks`, `losses`) and the findings only at the top level; 3 also writes each capability result once (`capabilities`), the accounts referring to it by position.",
        const: formatVersion,
      },
      tool: object('The tool that made the report.', {
        name: { const: 'lockout' },
        version: text("Lockout's version."),
      }),
      inventory: text(
        'The inventory file, as the user named it; for a live scan without one, a note in parentheses.',
      ),
      scan: { ...ref('scan'), description: 'For `lockout scan`: what the scan did.' },
      organizationLockoutSets: list(
        'For `lockout scan --org`: the smallest sets of losses that take a capability of any account.',
        ref('organizationLockoutSet'),
      ),
      asOf: { ...ref('day'), description: 'The day the facts are judged at.' },
      deadline: { ...ref('day'), description: 'The deadline recovery times are compared with, when given.' },
      accounts: list('Every account in the inventory.', ref('account')),
      capabilities: list(
        'Every capability result the accounts refer to, each once: accounts alike share one.',
        ref('capability'),
      ),
      findings: list(
        "Every finding, most severe first; an account's are those whose accountId is its id.",
        ref('finding'),
      ),
      findingGroups: list(
        'The findings again, each set that says the same thing (one check, severity and message) once, with every account it holds for; the most severe first, then the most findings.',
        object(
          'Findings of one check with one severity and message.',
          {
            checkId: { description: 'The check.', type: 'string', pattern: checkIdPattern },
            severity: { ...ref('severity'), description: 'Their severity.' },
            message: text('What each of them says.'),
            findings: count('How many findings the group stands for.'),
            accountIds: list(
              'Every account they are about, in the order of `findings`; empty for findings about shared factors.',
              { type: 'string' },
            ),
            outsideAccountId: text('The account outside AWS they are about, when they are about one.'),
          },
          ['outsideAccountId'],
        ),
      ),
      checks: dictionary('Each check that found something, by check id.', checkIdPattern, ref('checkText')),
      ways: dictionary(
        "Each way's text, by the key the capabilities' ways refer to.",
        wayKeyPattern,
        ref('wayText'),
      ),
      losses: list('The losses the lockout sets name (labels), each once.', { type: 'string' }),
      summary: object('Counts for a glance or a CI gate.', {
        findings: object(
          'Findings by severity.',
          Object.fromEntries(severities.map((severity) => [severity, count(`${severity} findings`)])),
        ),
        capabilitiesLost: count('Capabilities lost now, over every account.'),
        capabilitiesAtRisk: count('Capabilities held but at risk, over every account.'),
        states: object(
          'Capabilities in each state (see definitions.state), over every account.',
          Object.fromEntries(
            capabilityStates.map((state) => [state, count(`Capabilities ${stateStyles[state].label}.`)]),
          ),
        ),
      }),
      doFirst: list(
        'The few actions that remove the most risk across every account, the most urgent first.',
        object('One action, with what it moves.', {
          action: text('What to do, in a sentence.'),
          from: { ...ref('state'), description: 'The state it moves capabilities out of.' },
          accounts: count('Accounts it moves a capability of.'),
          capabilities: count('Capabilities it moves, over those accounts.'),
        }),
      ),
      stillUnknown: list(
        'Every fact counted as lost only because Lockout cannot see it (not declared, or not read by the scan): the questions still open, those about most accounts first.',
        object(
          'One unknown fact, however many accounts it is about.',
          {
            fact: text('The fact, in words.'),
            because: text('Why Lockout cannot see it: "not declared", or what the scan could not read.'),
            accounts: list(
              'The accounts it is about; empty for a fact about a shared factor (who holds a device, a photo ID).',
              object(
                'An account the fact is about.',
                { id: text('Account id.'), name: text('Account name.'), location: ref('location') },
                ['location'],
              ),
            ),
            location: ref('location'),
          },
          ['location'],
        ),
      ),
      graph: object(
        "For the formats that draw it (HTML): the recovery graph of each account the report details (every account, or an Organization's most at risk).",
        {
          accounts: list("One graph per account detailed, in the report's order.", ref('accountGraph')),
        },
      ),
    },
    // findingGroups came after version 2's first readers: a report without them is still one.
    ['scan', 'organizationLockoutSets', 'deadline', 'graph', 'findingGroups'],
  );
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Lockout check report',
    ...report,
    definitions: structuredClone(definitions),
  };
}
