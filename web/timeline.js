// The fastest way back as a horizontal timeline: one bar per step (typical duration, with the best and worst
// case as a whisker), the deadline as a vertical line, dates along the axis. The same facts follow as text.
import { dayAfter, deadlineMarker, formatHours, h, svg } from './dom.js';

const WIDTH = 760;
const LABEL = 250;
const RIGHT = 20;
const ROW = 28;
const TOP = 26;

/** Whole days between ticks so that there are about six of them. */
function tickStep(days) {
  for (const step of [1, 2, 3, 7, 14, 30, 60, 90, 180, 365]) if (days / step <= 7) return step;
  return 730;
}

function shorten(text, length) {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}

/** The timeline in one sentence: how long, and against the deadline. */
export function timelineSummary(recovery) {
  if (!recovery.possible) return 'no way back remains.';
  const slack = recovery.slack;
  const verdict =
    slack === undefined
      ? ''
      : slack.typical < 0
        ? ` ${formatHours(-slack.typical)} LATE in the typical case — ask AWS Support for a hold on suspension now.`
        : ` ${formatHours(slack.typical)} to spare in the typical case${slack.min < 0 ? `, ${formatHours(-slack.min)} late in the worst` : ''}.`;
  return `Back in about ${formatHours(recovery.duration.typical)} (${formatHours(recovery.duration.min)} to ${formatHours(recovery.duration.max)}).${verdict}`;
}

/**
 * recovery: { possible, duration, slack, steps: [{ label, kind, start, end }] }; deadlineHours may be undefined.
 */
export function timeline(recovery, { asOf, deadline, deadlineHours }) {
  if (!recovery.possible) {
    return h(
      'p',
      { class: 'timeline-none colour-red' },
      'No way back remains: nothing the owner holds can restore it.',
    );
  }
  const steps = recovery.steps;
  const latest = Math.max(recovery.duration.max, ...steps.map((step) => step.end.max), 1);
  const horizon = Math.max(latest, deadlineHours ?? 0) * 1.04;
  const x = (hours) => LABEL + (Math.min(hours, horizon) / horizon) * (WIDTH - LABEL - RIGHT);
  const height = TOP + steps.length * ROW + 34;
  const late = deadlineHours !== undefined && recovery.duration.typical > deadlineHours;

  const parts = [];
  // Axis: a tick per step of whole days, labelled with the date.
  const days = horizon / 24;
  const every = tickStep(days);
  for (let day = 0; day <= days; day += every) {
    const at = x(day * 24);
    parts.push(svg('line', { x1: at, x2: at, y1: TOP - 6, y2: height - 28, class: 'tick' }));
    parts.push(
      svg('text', {
        x: at,
        y: height - 12,
        class: 'tick-label',
        'text-anchor': 'middle',
        text: day === 0 ? `now (${asOf})` : dayAfter(asOf, day * 24).slice(5),
      }),
    );
  }
  steps.forEach((step, row) => {
    const y = TOP + row * ROW;
    const beyond = deadlineHours !== undefined && step.end.typical > deadlineHours;
    parts.push(
      svg(
        'text',
        { x: LABEL - 8, y: y + 15, class: 'step-label', 'text-anchor': 'end' },
        svg('title', { text: step.label }),
        shorten(step.label, 38),
      ),
      svg('rect', {
        x: x(step.start.typical),
        y: y + 4,
        width: Math.max(3, x(step.end.typical) - x(step.start.typical)),
        height: ROW - 10,
        rx: 3,
        class: `bar ${step.kind}${beyond ? ' late' : ''}`,
      }),
      svg('line', {
        x1: x(step.end.min),
        x2: x(step.end.max),
        y1: y + ROW / 2,
        y2: y + ROW / 2,
        class: 'whisker',
      }),
      svg('line', { x1: x(step.end.max), x2: x(step.end.max), y1: y + 8, y2: y + ROW - 8, class: 'whisker' }),
      svg('text', {
        x: Math.min(x(step.end.typical) + 6, WIDTH - RIGHT - 2),
        y: y + 15,
        class: 'bar-label',
        'text-anchor': x(step.end.typical) + 60 > WIDTH - RIGHT ? 'end' : 'start',
        text: `~${formatHours(step.end.typical - step.start.typical)}`,
      }),
    );
  });
  if (deadlineHours !== undefined) {
    parts.push(
      ...deadlineMarker({
        at: x(deadlineHours),
        top: 4,
        bottom: height - 28,
        width: WIDTH,
        room: 120,
        label: `deadline ${deadline ?? ''}`.trim(),
        className: 'deadline',
      }),
    );
  }

  const summary = timelineSummary(recovery);

  return h(
    'figure',
    { class: `timeline${late ? ' is-late' : ''}` },
    svg(
      'svg',
      {
        viewBox: `0 0 ${WIDTH} ${height}`,
        role: 'img',
        'aria-label': summary,
        preserveAspectRatio: 'xMinYMin meet',
      },
      parts,
    ),
    h('figcaption', { class: late ? 'colour-red' : '' }, summary),
    h(
      'details',
      { class: 'steps-text' },
      h('summary', {}, 'The steps as text'),
      h(
        'ol',
        {},
        steps.map((step) =>
          h(
            'li',
            {},
            `${step.label}: ${step.kind === 'restore' ? 'replace it' : 'the procedure'} from ${step.start.typical === 0 ? 'now' : `~${formatHours(step.start.typical)}`} to ~${formatHours(step.end.typical)} (worst ${formatHours(step.end.max)})`,
          ),
        ),
      ),
    ),
  );
}
