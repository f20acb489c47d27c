// Plan: what has happened (a failed card, notices, the deadline, a booked notary, the owner's time zone) in a
// small form, and the incident plan the server computes with the plan library: the verdict first in words and
// colour (with the hold request ready to copy when late), a timeline of the dated steps against the deadline,
// then the steps as a list. Everything from the inventory and the plan goes in as text.
/* global navigator */
import { api, fill, formatHours, h, svg } from './dom.js';

const AWS_ZONE = 'America/Los_Angeles';
const HOUR = 3_600_000;

/** The verdict's colour (one meaning across the dashboard) and its words. */
const verdicts = {
  late: { colour: 'red', words: 'LATE' },
  'no-way-back': { colour: 'red', words: 'NO WAY BACK' },
  'unknown-way-back': { colour: 'unknown', words: 'UNKNOWN: NO WAY BACK COUNTED' },
  'at-risk': { colour: 'amber', words: 'AT RISK' },
  fits: { colour: 'green', words: 'FITS' },
  'no-deadline': { colour: 'none', words: 'NO DEADLINE KNOWN' },
};

const formatters = new Map();
/** The wall clock of an instant in a zone: { weekday, day: 'YYYY-MM-DD', time: 'HH:MM' }. */
function wall(instant, zone) {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(zone, format);
  }
  const parts = {};
  for (const part of format.formatToParts(instant)) parts[part.type] = part.value;
  return {
    weekday: parts.weekday,
    day: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
  };
}

/** "Mon 2022-06-27 14:00". */
function when(instant, zone) {
  const w = wall(instant, zone);
  return `${w.weekday} ${w.day} ${w.time}`;
}

/** "06-27 14:00". */
function short(instant, zone) {
  const w = wall(instant, zone);
  return `${w.day.slice(5)} ${w.time}`;
}

function signedHours(hours) {
  return `${hours < 0 ? '−' : '+'}${formatHours(Math.abs(hours))}`;
}

function money(list) {
  return list.map((m) => `${m.amount.toLocaleString('en-US')} ${m.currency}`).join(' + ');
}

// --- The form --------------------------------------------------------------------------------------------

function field(label, input, note) {
  return h(
    'label',
    { class: 'plan-field' },
    h('span', { class: 'plan-field-label' }, label),
    input,
    note ? h('span', { class: 'plan-field-note' }, note) : null,
  );
}

/** A datetime-local value from the API's `YYYY-MM-DD[THH:MM]` (a day alone at `hour`). */
function localValue(value, hour) {
  if (!value) return '';
  return value.includes('T') ? value : `${value}T${String(hour).padStart(2, '0')}:00`;
}

const zones = [
  'Asia/Tokyo',
  'America/Los_Angeles',
  'America/New_York',
  'Europe/London',
  'Europe/Paris',
  'Europe/Berlin',
  'Asia/Kolkata',
  'Australia/Sydney',
  'UTC',
];

function planForm(defaults, app, onSubmit) {
  const notice = (kind) => defaults.notices.find((n) => n.kind === kind)?.date ?? '';
  const inputs = {
    cardFailed: h('input', { type: 'date', name: 'cardFailed', value: defaults.cardFailed ?? '' }),
    pastDue: h('input', { type: 'date', name: 'pastDue', value: notice('past-due') }),
    suspension: h('input', { type: 'date', name: 'suspension', value: notice('suspension') }),
    deadline: h('input', { type: 'date', name: 'deadline', value: defaults.deadline ?? '' }),
    now: h('input', { type: 'datetime-local', name: 'now', value: localValue(defaults.now, 9) }),
    notary: h('input', {
      type: 'datetime-local',
      name: 'notary',
      value: localValue(defaults.booked.find((b) => b.kind === 'notary')?.date, 14),
    }),
    tz: h('input', {
      type: 'text',
      name: 'tz',
      value: defaults.tz,
      list: 'plan-zones',
      spellcheck: 'false',
      autocomplete: 'off',
    }),
  };
  const accounts = app.report.accounts;
  const account =
    accounts.length > 1
      ? h(
          'select',
          { name: 'account' },
          h('option', { value: '' }, 'the one whose card failed'),
          accounts.map((a) =>
            h('option', { value: a.id, selected: a.id === defaults.account }, `${a.name} (${a.id})`),
          ),
        )
      : null;

  const body = () => {
    const notices = [];
    if (inputs.pastDue.value) notices.push({ kind: 'past-due', date: inputs.pastDue.value });
    if (inputs.suspension.value) notices.push({ kind: 'suspension', date: inputs.suspension.value });
    return {
      account: account?.value || null,
      cardFailed: inputs.cardFailed.value || null,
      notices,
      deadline: inputs.deadline.value || null,
      now: inputs.now.value || null,
      booked: inputs.notary.value ? [{ kind: 'notary', date: inputs.notary.value }] : [],
      tz: inputs.tz.value.trim() || null,
    };
  };

  const form = h(
    'form',
    {
      class: 'plan-form',
      onsubmit: (event) => {
        event.preventDefault();
        onSubmit(body());
      },
    },
    h(
      'datalist',
      { id: 'plan-zones' },
      zones.map((zone) => h('option', { value: zone })),
    ),
    account ? field('Account in trouble', account) : null,
    field('Card failed on', inputs.cardFailed, 'the charge to the default card failed'),
    field('“Past due” notice', inputs.pastDue),
    field('Suspension warning', inputs.suspension),
    field('Deadline (“unless paid by”)', inputs.deadline, 'the end of that day, US Pacific'),
    field('Plan from (now)', inputs.now),
    field('Notary booked for', inputs.notary, 'leave empty if none'),
    field('Your time zone', inputs.tz),
    h('button', { type: 'submit', class: 'plan-submit' }, 'Make the plan'),
    h('p', { class: 'plan-basis muted' }, `Prefilled from ${defaults.basis}.`),
  );
  return { form, body };
}

// --- The verdict and the escalation ----------------------------------------------------------------------

function copyButton(getText) {
  const button = h('button', { type: 'button', class: 'copy' }, 'Copy the request');
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(getText());
      button.textContent = 'Copied';
    } catch {
      button.textContent = 'Select the text and copy it';
    }
  });
  return button;
}

function verdictBlock(plan) {
  const { colour, words } = verdicts[plan.verdict] ?? verdicts['no-deadline'];
  const escalation = plan.escalation;
  const request = escalation
    ? h('textarea', {
        class: 'hold-request',
        readonly: true,
        rows: Math.min(
          40,
          Math.ceil(escalation.request.length / 140) + escalation.request.split('\n').length,
        ),
        'aria-label': 'The hold request, ready to send',
        spellcheck: 'false',
      })
    : null;
  if (request) request.value = escalation.request;
  return h(
    'section',
    {
      class: `plan-verdict tile colour-${colour}${colour === 'unknown' ? ' state-unknown' : ''}`,
      dataset: { verdict: plan.verdict, colour },
      role: 'status',
    },
    h('p', { class: 'verdict plan-verdict-words' }, words),
    h('p', { class: 'plan-headline' }, plan.headline),
    escalation
      ? h(
          'div',
          { class: 'escalation' },
          h(
            'h3',
            {},
            escalation.first
              ? 'Do this first: ask AWS Support for a hold on suspension, now'
              : 'As a precaution: ask AWS Support for a hold on suspension',
          ),
          h('p', {}, escalation.why),
          h('p', {}, h('b', {}, 'Where: '), escalation.where),
          h(
            'div',
            { class: 'request-head' },
            h('b', {}, 'The request, ready to send'),
            copyButton(() => escalation.request),
          ),
          request,
        )
      : null,
  );
}

// --- The timeline ------------------------------------------------------------------------------------------

const WIDTH = 1100;
const LABEL = 330;
const RIGHT = 24;
const ROW = 24;
const TOP = 58;

function tickStep(days) {
  for (const step of [1, 2, 3, 7, 14, 30, 60]) if (days / step <= 16) return step;
  return 90;
}

function shorten(text, length) {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}

function planTimeline(plan) {
  const zone = plan.timeZone;
  const holidays = new Map(plan.holidays.map((holiday) => [holiday.day, holiday.name]));
  const now = new Date(plan.now).getTime();
  const deadline = plan.deadline ? new Date(plan.deadline.at).getTime() : undefined;
  const steps = plan.steps.map((step) => ({
    ...step,
    s: new Date(step.start).getTime(),
    e: new Date(step.end).getTime(),
    best: new Date(step.bestEnd).getTime(),
    worst: new Date(step.worstEnd).getTime(),
  }));
  const last = Math.max(now + 24 * HOUR, deadline ?? 0, ...steps.map((step) => step.worst));
  const start = now;
  const end = start + (last - start) * 1.06;
  const x = (t) =>
    LABEL + ((Math.min(Math.max(t, start), end) - start) / (end - start)) * (WIDTH - LABEL - RIGHT);
  const bottom = TOP + steps.length * ROW;
  const height = bottom + 40;
  const parts = [];
  const bands = [];

  // Axis: local midnights in the owner's zone, labelled with the date.
  const days = (end - start) / (24 * HOUR);
  const every = tickStep(days);
  const first = wall(new Date(start), zone);
  const [hh, mm] = first.time.split(':').map(Number);
  const midnight = start - (hh * 60 + mm) * 60_000;
  for (let day = 0; midnight + day * 24 * HOUR <= end; day += 1) {
    const at = midnight + day * 24 * HOUR;
    if (at < start) continue;
    const label = wall(new Date(at + 12 * HOUR), zone);
    const weekend = label.weekday === 'Sat' || label.weekday === 'Sun';
    const holiday = holidays.get(label.day);
    // Weekends and the holidays the plan skipped shaded: AWS's reviews count US business days only.
    if (weekend || holiday) {
      bands.push(
        svg(
          'rect',
          {
            x: x(at),
            y: TOP - 6,
            width: Math.max(0, x(at + 24 * HOUR) - x(at)),
            height: bottom - TOP + 6,
            class: 'weekend-band',
          },
          holiday
            ? svg('title', {}, `${label.day}: ${holiday} (US federal holiday, not a business day)`)
            : [],
        ),
      );
    }
    parts.push(
      svg('line', {
        x1: x(at),
        x2: x(at),
        y1: TOP - 6,
        y2: bottom,
        class: 'tick',
      }),
    );
    if (day % every === 0) {
      parts.push(
        svg('text', {
          x: x(at),
          y: bottom + 16,
          class: 'tick-label',
          'text-anchor': 'middle',
          text: label.day.slice(5),
        }),
        svg('text', {
          x: x(at),
          y: bottom + 30,
          class: 'tick-label',
          'text-anchor': 'middle',
          text: label.weekday,
        }),
      );
    }
  }
  parts.push(
    svg('text', {
      x: LABEL - 8,
      y: bottom + 16,
      class: 'tick-label',
      'text-anchor': 'end',
      text: `dates in ${zone}`,
    }),
  );

  steps.forEach((step, row) => {
    const y = TOP + row * ROW;
    const kind = [
      'bar',
      step.critical ? 'critical' : 'off-path',
      step.awsSide || step.who === 'aws' ? 'aws' : 'you',
      step.afterDeadline ? 'late' : '',
    ]
      .filter(Boolean)
      .join(' ');
    const barHeight = step.critical ? ROW - 8 : ROW - 14;
    parts.push(
      svg(
        'text',
        {
          x: LABEL - 8,
          y: y + 16,
          class: `step-label${step.critical ? ' critical' : ''}`,
          'text-anchor': 'end',
        },
        svg('title', { text: step.title }),
        `${step.who === 'aws' && !step.title.startsWith('AWS') ? 'AWS: ' : ''}${shorten(step.title, 42)}`,
      ),
      svg('rect', {
        x: x(step.s),
        y: y + (ROW - barHeight) / 2,
        width: Math.max(3, x(step.e) - x(step.s)),
        height: barHeight,
        rx: 2,
        class: kind,
        'data-step': step.id,
      }),
      // Whisker: from the best end to the worst end, with a cap at the worst end.
      svg('line', {
        x1: x(step.best),
        x2: x(step.worst),
        y1: y + ROW / 2,
        y2: y + ROW / 2,
        class: 'whisker',
      }),
      svg('line', { x1: x(step.worst), x2: x(step.worst), y1: y + 6, y2: y + ROW - 6, class: 'whisker' }),
    );
  });

  // Now, and the deadline with its time in the owner's zone and in US Pacific.
  parts.push(
    svg('line', { x1: x(now), x2: x(now), y1: TOP - 10, y2: bottom, class: 'now-line' }),
    svg('text', {
      x: x(now) + 4,
      y: TOP - 14,
      class: 'now-label',
      text: `now ${short(new Date(now), zone)}`,
    }),
  );
  if (deadline !== undefined) {
    const at = x(deadline);
    const anchor = at > WIDTH - 260 ? 'end' : 'middle';
    parts.push(
      svg('line', { x1: at, x2: at, y1: 30, y2: bottom, class: 'deadline' }),
      svg('text', {
        x: at,
        y: 12,
        class: 'deadline-label',
        'text-anchor': anchor,
        text: `deadline ${when(new Date(deadline), zone)} ${zone}`,
      }),
      svg('text', {
        x: at,
        y: 26,
        class: 'deadline-label pacific',
        'text-anchor': anchor,
        text: `= ${when(new Date(deadline), AWS_ZONE)} US Pacific`,
      }),
    );
  }

  const summary = plan.finish
    ? `Balance paid typically ${when(new Date(plan.finish.typical), zone)} ${zone}` +
      (plan.slack ? `, ${signedHours(plan.slack.typical)} against the deadline.` : '.')
    : 'No way back is known: no steps to pay the bill.';
  return h(
    'figure',
    { class: 'timeline plan-timeline' },
    svg(
      'svg',
      {
        viewBox: `0 0 ${WIDTH} ${height}`,
        role: 'img',
        'aria-label': summary,
        preserveAspectRatio: 'xMinYMin meet',
      },
      bands,
      parts,
    ),
    h(
      'ul',
      { class: 'plan-key', 'aria-label': 'How to read the timeline' },
      h('li', {}, h('span', { class: 'key-bar critical you' }), 'your step on the critical path'),
      h('li', {}, h('span', { class: 'key-bar critical aws' }), 'AWS’s step (US Pacific business days)'),
      h('li', {}, h('span', { class: 'key-bar off-path' }), 'off the critical path'),
      h('li', {}, h('span', { class: 'key-bar late' }), 'typically ends after the deadline'),
      h('li', {}, h('span', { class: 'key-whisker' }), 'best to worst end'),
      h(
        'li',
        {},
        h('span', { class: 'key-weekend' }),
        plan.holidays.length > 0 ? 'weekend or US holiday' : 'weekend',
      ),
    ),
    h(
      'figcaption',
      { class: plan.verdict === 'late' || plan.verdict === 'no-way-back' ? 'colour-red' : '' },
      summary,
    ),
  );
}

// --- The steps as a list -----------------------------------------------------------------------------------

function stepItem(step, plan) {
  const zone = plan.timeZone;
  const start = new Date(step.start);
  const end = new Date(step.end);
  const sameDay = wall(start, zone).day === wall(end, zone).day;
  const deadline = plan.deadline ? new Date(plan.deadline.at).getTime() : undefined;
  const toDeadline = deadline === undefined ? undefined : (deadline - end.getTime()) / HOUR;
  const facts = [
    step.who === 'aws' ? 'AWS' : 'you',
    step.duration,
    step.cost ? `${step.cost.amount.toLocaleString('en-US')} ${step.cost.currency}` : null,
    `worst end ${short(new Date(step.worstEnd), zone)}`,
  ].filter(Boolean);
  return h(
    'li',
    {
      class: `plan-step${step.critical ? ' critical' : ''}${step.afterDeadline ? ' late' : ''}`,
      dataset: { step: step.id },
    },
    h(
      'div',
      { class: 'plan-step-head' },
      h(
        'span',
        { class: 'plan-step-when' },
        `${when(start, zone)} → ${sameDay ? wall(end, zone).time : when(end, zone)}`,
      ),
      h('b', { class: 'plan-step-title' }, step.title),
      step.critical ? h('span', { class: 'tag critical' }, 'critical path') : null,
      step.booked ? h('span', { class: 'tag' }, 'booked') : null,
      step.awsSide ? h('span', { class: 'tag aws' }, 'AWS, US time') : null,
      step.afterDeadline ? h('span', { class: 'tag late' }, 'after the deadline') : null,
    ),
    step.awsSide
      ? h(
          'p',
          { class: 'plan-step-pacific' },
          `US Pacific: ${when(start, AWS_ZONE)} → ${when(end, AWS_ZONE)}`,
        )
      : null,
    h('p', { class: 'plan-step-detail' }, step.detail),
    h(
      'p',
      { class: 'plan-step-facts muted' },
      facts.join(' · '),
      toDeadline === undefined
        ? null
        : h(
            'span',
            { class: `slack${toDeadline < 0 ? ' late' : ''}` },
            ` · ${toDeadline < 0 ? `${formatHours(-toDeadline)} after` : `${formatHours(toDeadline)} before`} the deadline`,
          ),
    ),
  );
}

function summaryBlock(plan) {
  const zone = plan.timeZone;
  const rows = [];
  if (plan.deadline) {
    rows.push([
      'Deadline',
      `${plan.deadline.day}${plan.deadline.estimated ? ' (estimated)' : ''}: ${plan.deadline.basis} — ${when(new Date(plan.deadline.at), AWS_ZONE)} US Pacific = ${when(new Date(plan.deadline.at), zone)} ${zone}`,
    ]);
  }
  if (plan.way) rows.push(['Way back', plan.way]);
  if (plan.finish) {
    rows.push([
      'Balance paid',
      `typically ${when(new Date(plan.finish.typical), zone)} (${when(new Date(plan.finish.typical), AWS_ZONE)} US Pacific); best ${short(new Date(plan.finish.best), zone)}, worst ${short(new Date(plan.finish.worst), zone)}`,
    ]);
  }
  if (plan.slack) {
    rows.push([
      'Slack to the deadline',
      `typical ${signedHours(plan.slack.typical)}, worst ${signedHours(plan.slack.worst)}, best ${signedHours(plan.slack.best)}`,
    ]);
  }
  if (plan.cost.length > 0) rows.push(['Cost', money(plan.cost)]);
  return h(
    'dl',
    { class: 'plan-summary' },
    rows.map(([term, text]) => [h('dt', {}, term), h('dd', {}, text)]),
  );
}

function planResult(plan) {
  const account =
    plan.payer.id === plan.account.id
      ? `${plan.account.name} (${plan.account.id})`
      : `${plan.account.name} (${plan.account.id}), paid by ${plan.payer.name} (${plan.payer.id})`;
  return [
    verdictBlock(plan),
    plan.warnings.length > 0
      ? h(
          'ul',
          { class: 'plan-warnings' },
          plan.warnings.map((w) => h('li', {}, `Warning: ${w}`)),
        )
      : null,
    h('h2', {}, `Incident plan — ${account}`),
    summaryBlock(plan),
    plan.steps.length > 0 ? planTimeline(plan) : null,
    plan.steps.length > 0
      ? [
          h('h3', {}, `Steps (times in ${plan.timeZone}; AWS’s steps also in US Pacific)`),
          h(
            'ol',
            { class: 'plan-steps' },
            plan.steps.map((step) => stepItem(step, plan)),
          ),
        ]
      : null,
    plan.timeline.length > 0
      ? [
          h('h3', {}, 'Notices and what follows if unpaid'),
          h(
            'ul',
            { class: 'plan-dunning' },
            plan.timeline.map((entry) =>
              h('li', {}, h('b', {}, entry.day), ` ${entry.expected ? '(expected) ' : ''}${entry.what}`),
            ),
          ),
        ]
      : null,
    plan.losses.length > 0
      ? [
          h('h3', {}, 'Lost now'),
          h(
            'ul',
            {},
            plan.losses.map((loss) => h('li', {}, `${loss.label}: ${loss.why}`)),
          ),
        ]
      : null,
    h('h3', {}, 'Notes'),
    h(
      'ul',
      { class: 'muted' },
      plan.notes.map((note) => h('li', {}, note)),
    ),
  ];
}

// --- The page ----------------------------------------------------------------------------------------------

let latestRequest = 0;

export async function renderPlan(section, app, { first }) {
  if (!first) return;
  const defaults = await api('/api/plan/defaults');
  const result = h('div', { class: 'plan-result', 'aria-live': 'polite' });
  const run = async (body) => {
    const request = ++latestRequest;
    result.dataset.busy = 'true';
    try {
      const plan = await api('/api/plan', body);
      if (request !== latestRequest) return;
      fill(result, planResult(plan));
      result.dataset.verdict = plan.verdict;
      result.dataset.runs = String(request);
    } catch (error) {
      if (request !== latestRequest) return;
      fill(result, h('p', { class: 'error', role: 'alert' }, String(error.message ?? error)));
      result.dataset.verdict = 'error';
      result.dataset.runs = String(request);
    } finally {
      if (request === latestRequest) delete result.dataset.busy;
    }
  };
  const { form, body } = planForm(defaults, app, (request) => void run(request));
  fill(
    section,
    h(
      'p',
      { class: 'plan-intro' },
      'Say what has happened; the plan gives the fastest way to pay again as dated steps against the deadline.',
    ),
    form,
    result,
  );
  // The plan for the defaults straight away: the page is useful before anything is changed.
  await run(body());
}
