// The race against the suspension date, drawn per capability: the fastest way back as a bar from now against
// the deadline (a vertical line, with the days left), and below it what an unpaid bill on that day takes — a red
// band from the suspension day — with the way back that would remain then. The same facts follow as text.
import { deadlineMarker, formatHours, formatRange, groupBy, h, svg } from './dom.js';

const WIDTH = 760;
const LABEL = 150;
const RIGHT = 20;
const ROW = 26;
const TOP = 22;
/** Pictures drawn; the capabilities beyond are counted (an Organization can have thousands). */
const SHOWN = 30;

const raceWords = {
  won: 'done before the date in every case',
  typical: 'typically done before the date, not in the worst case',
  lost: 'not done before the date',
};

/** "won", "typical", "lost", or "none" (no way back now), "holds" (nothing to race now). */
function raceOf(capability) {
  if (capability.now !== 'lost') return 'holds';
  if (!capability.wayBack?.possible) return 'none';
  return capability.wayBack.race ?? 'won';
}

function nowWords(capability, view) {
  const way = capability.wayBack;
  if (capability.now !== 'lost') return `Holds now, until ${view.deadline}.`;
  if (!way?.possible) return 'Lost now, and no way back remains.';
  const slack = way.slack;
  const against =
    slack === undefined
      ? ''
      : slack.typical < 0
        ? `: ${formatHours(-slack.typical)} LATE in the typical case — ask AWS Support for a hold on suspension now`
        : `: ${formatHours(slack.typical)} to spare in the typical case`;
  return `Lost now. Fastest way back ${formatRange(way.duration)}, ${view.daysLeft} day${view.daysLeft === 1 ? '' : 's'} left${against} (${raceWords[way.race ?? 'won']}).`;
}

function laterWords(capability, view) {
  const when = `If the bill is still unpaid on ${view.deadline}`;
  if (capability.later !== 'lost') return `${when}: it still holds.`;
  const after = capability.afterDeadline;
  const from =
    capability.now === 'lost'
      ? `the account is suspended on ${view.suspensionDay}`
      : `lost from ${view.suspensionDay}`;
  return `${when}: ${from}${
    after?.possible
      ? `; the way back then: ${formatRange(after.duration)} (${after.steps.join(', then ')}).`
      : '; no way back would remain.'
  }`;
}

/** The picture of one capability: now against the deadline, then what the suspension day takes. */
function racePicture(capability, view, summary) {
  const deadline = view.deadlineHours;
  const way = capability.wayBack?.possible ? capability.wayBack.duration : undefined;
  const after = capability.afterDeadline?.possible ? capability.afterDeadline.duration : undefined;
  // Room after the date for what the suspension takes, and its words.
  const horizon = Math.max(
    deadline * (capability.later === 'lost' ? 1.6 : 1.15),
    (way?.max ?? 0) * 1.08,
    after ? (deadline + after.max) * 1.08 : 0,
    1,
  );
  const x = (hours) => LABEL + (Math.min(Math.max(hours, 0), horizon) / horizon) * (WIDTH - LABEL - RIGHT);
  const height = TOP + 2 * ROW + 8;
  const parts = [];
  const row = (index) => TOP + index * ROW;
  const race = raceOf(capability);

  // Row 1, now: the fastest way back from now, or the capability holding until the date.
  parts.push(
    svg('text', { x: LABEL - 8, y: row(0) + 15, class: 'race-row-label', 'text-anchor': 'end', text: 'now' }),
  );
  if (capability.now !== 'lost') {
    parts.push(
      svg('rect', {
        x: x(0),
        y: row(0) + 5,
        width: x(deadline) - x(0),
        height: ROW - 10,
        class: 'race-band holds',
      }),
    );
  } else if (way) {
    parts.push(
      svg('rect', {
        x: x(0),
        y: row(0) + 4,
        width: Math.max(3, x(way.typical) - x(0)),
        height: ROW - 8,
        rx: 3,
        class: `race-bar race-${race}`,
      }),
      svg('line', {
        x1: x(way.min),
        x2: x(way.max),
        // Best to worst case, under the bar.
        y1: row(0) + ROW - 2,
        y2: row(0) + ROW - 2,
        class: 'race-whisker',
      }),
      svg('text', {
        x: Math.min(x(way.typical) + 6, WIDTH - RIGHT - 2),
        y: row(0) + 16,
        class: 'race-bar-label',
        'text-anchor': x(way.typical) + 120 > WIDTH - RIGHT ? 'end' : 'start',
        text: `way back ~${formatHours(way.typical)}`,
      }),
    );
  } else {
    parts.push(svg('text', { x: x(0) + 4, y: row(0) + 16, class: 'race-none', text: '✗ no way back now' }));
  }

  // Row 2, if unpaid on the date: from the suspension day, lost (and the way back then) or still holding.
  parts.push(
    svg('text', {
      x: LABEL - 8,
      y: row(1) + 15,
      class: 'race-row-label',
      'text-anchor': 'end',
      text: 'if unpaid',
    }),
  );
  if (capability.later === 'lost') {
    parts.push(
      svg('rect', {
        x: x(deadline),
        y: row(1) + 5,
        width: x(horizon) - x(deadline),
        height: ROW - 10,
        class: 'race-band lost',
      }),
    );
    parts.push(
      after
        ? // A strip along the band's foot, under its words: the way back from the suspension day.
          svg('rect', {
            x: x(deadline),
            y: row(1) + ROW - 9,
            width: Math.max(3, x(deadline + after.typical) - x(deadline)),
            height: 4,
            class: 'race-bar race-after',
          })
        : null,
      svg('text', {
        x: x(deadline) + 6,
        y: row(1) + 14,
        class: 'race-band-label',
        text: `${capability.now === 'lost' ? 'suspended' : 'lost'} from ${view.suspensionDay}${
          after ? `; back in ~${formatHours(after.typical)}` : ', no way back'
        }`,
      }),
    );
  } else {
    parts.push(
      svg('rect', {
        x: x(deadline),
        y: row(1) + 5,
        width: x(horizon) - x(deadline),
        height: ROW - 10,
        class: 'race-band holds',
      }),
    );
  }

  // The deadline, with the days left.
  parts.push(
    ...deadlineMarker({
      at: x(deadline),
      top: 18,
      bottom: height - 4,
      width: WIDTH,
      room: 160,
      label: `${view.deadline} · ${view.daysLeft} day${view.daysLeft === 1 ? '' : 's'} left`,
      className: 'race-deadline',
    }),
  );
  return svg(
    'svg',
    {
      viewBox: `0 0 ${WIDTH} ${height}`,
      role: 'img',
      'aria-label': summary,
      preserveAspectRatio: 'xMinYMin meet',
    },
    parts,
  );
}

/** Capabilities with the same race share one picture: "what the date does" is often the same for many. */
function sameRace(capability) {
  const way = capability.wayBack;
  const after = capability.afterDeadline;
  return JSON.stringify([
    capability.now,
    capability.later,
    way?.possible,
    way?.race,
    way?.duration,
    after?.possible,
    after?.duration,
  ]);
}

function names(group, accountName) {
  const all = group.map((capability) => `${accountName(capability.accountId)} · ${capability.label}`);
  return all.length <= 4 ? all.join('; ') : `${all.slice(0, 3).join('; ')} and ${all.length - 3} more`;
}

function raceRow(group, view, accountName) {
  const capability = group[0];
  const now = nowWords(capability, view);
  const later = laterWords(capability, view);
  return h(
    'figure',
    {
      class: 'race-capability',
      dataset: {
        raceCapability: group.map((each) => each.id).join(' '),
        race: raceOf(capability),
        later: capability.later,
      },
    },
    h('h4', {}, names(group, accountName)),
    racePicture(capability, view, `${now} ${later}`),
    h('figcaption', {}, h('p', { class: 'race-now' }, now), h('p', { class: 'race-later' }, later)),
  );
}

/** The section for a race view (POST /api/race); `accountName` names accounts by id. */
export function raceSection(view, accountName) {
  // Lost now first (the race is on), then what the date alone would take.
  const groups = [...groupBy(view.capabilities, sameRace).values()].sort(
    (a, b) => Number(b[0].now === 'lost') - Number(a[0].now === 'lost'),
  );
  const shown = groups.slice(0, SHOWN);
  const more = groups.slice(SHOWN).reduce((count, group) => count + group.length, 0);
  return h(
    'section',
    { class: 'race', dataset: { deadline: view.deadline } },
    h(
      'h3',
      {},
      `Against the suspension date: ${view.deadline}, ${view.daysLeft} day${view.daysLeft === 1 ? '' : 's'} left`,
    ),
    h(
      'p',
      { class: 'muted' },
      `If the bill is still unpaid on ${view.deadline}, the account is suspended on ${view.suspensionDay}: a way back counts only if it ends before.`,
    ),
    shown.length === 0
      ? h('p', {}, `Nothing depends on the date: every capability holds now and after ${view.deadline}.`)
      : shown.map((group) => raceRow(group, view, accountName)),
    more > 0
      ? h(
          'p',
          { class: 'muted' },
          `and ${more} more capabilities the date matters to; lockout whatif --deadline lists them all.`,
        )
      : null,
    view.holdingThrough > 0 && shown.length > 0
      ? h(
          'p',
          { class: 'muted' },
          `${view.holdingThrough} other capabilit${view.holdingThrough === 1 ? 'y holds' : 'ies hold'} now and after ${view.deadline}.`,
        )
      : null,
  );
}

/** What the what-if page says without a deadline. */
export function raceHint() {
  return h(
    'p',
    { class: 'race race-hint muted' },
    'Set a deadline (the suspension date of a warning, or the day you must have paid by) to race the ways back against it.',
  );
}
