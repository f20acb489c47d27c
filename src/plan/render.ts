/**
 * An incident plan as text for the terminal: the verdict first (and the escalation first when the plan is
 * late or has no way back), then the deadline and dunning timeline, what is lost, and the dated steps with
 * the critical path, durations, costs and the slack to the deadline.
 */

import type { IncidentPlan, PlanStep } from './plan.js';
import { formatSpan } from './plan.js';
import { withSafeText } from '../report/safe-text.js';
import { unknownFactText } from '../report/wording.js';
import { AWS_TIME_ZONE, dayIn, formatInstant, formatShort } from './time.js';

const WIDTH = 110;

export function renderPlanText(input: IncidentPlan): string {
  // Labels and names come from the inventory: none may drive the terminal.
  const plan = withSafeText(input);
  const out: string[] = [];
  const tz = plan.timeZone;
  const account =
    plan.payer.id === plan.account.id
      ? `${plan.account.name} (${plan.account.id})`
      : `${plan.account.name} (${plan.account.id}), paid by ${plan.payer.name} (${plan.payer.id})`;
  out.push(`Incident plan — ${account}, now ${formatInstant(plan.now, tz)} ${tz}`, '');
  out.push(...wrap(plan.headline, ''), '');
  if (plan.escalation?.first) out.push(...escalationLines(plan), '');
  for (const warning of plan.warnings) out.push(...wrap(`Warning: ${warning}`, '  '));
  if (plan.warnings.length > 0) out.push('');

  if (plan.deadline) {
    out.push(
      ...wrap(
        `Deadline ${plan.deadline.day}${plan.deadline.estimated ? ' (estimated)' : ''}: ${plan.deadline.basis} — ` +
          `${formatInstant(plan.deadline.at, AWS_TIME_ZONE)} US Pacific = ${formatInstant(plan.deadline.at, tz)} ${tz}.`,
        '',
      ),
    );
  }
  if (plan.timeline.length > 0) {
    out.push('Timeline');
    for (const entry of plan.timeline) {
      out.push(...wrap(`${entry.day}  ${entry.expected ? '(expected) ' : ''}${entry.what}`, '    ', '  '));
    }
    out.push('');
  }

  const lost = plan.losses.filter((loss) => !loss.unknown);
  if (lost.length > 0) {
    out.push('Lost now');
    for (const loss of lost) out.push(...wrap(`- ${loss.label}: ${loss.why}`, '    ', '  '));
    out.push('');
  }
  // As the check report says it: counted as lost, never worded as lost.
  const unknown = plan.losses.filter((loss) => loss.unknown);
  if (unknown.length > 0) {
    out.push('Still unknown (each counts as lost until declared; never as safe)');
    for (const loss of unknown) {
      const because = loss.why.replace(/^unknown:\s*/, '');
      out.push(...wrap(`- ${unknownFactText({ fact: loss.label, because, accounts: [] })}`, '    ', '  '));
    }
    out.push('');
  }
  out.push(`What ${plan.payer.name} can still do`);
  for (const capability of plan.situation) {
    out.push(`  ${capability.label}: ${capability.status === 'lost' ? 'LOST' : 'possible'}`);
    for (const way of capability.ways) {
      const state = way.status === 'lost' ? 'lost ' : 'open ';
      const why = way.lostBecause.length > 0 ? ` — ${way.lostBecause.join('; ')}` : '';
      out.push(...wrap(`${state} ${way.label}${why}`, '           ', '    '));
    }
  }
  out.push('');
  out.push(
    ...wrap(plan.way ? `Way back: ${plan.way}.` : 'Way back: none known — see the escalation above.', ''),
    '',
  );
  const after = plan.afterDeadline;
  if (after && plan.deadline) {
    const then =
      after.lost.length > 0 ? ` ${plan.payer.name} then loses: ${after.lost.join(', ').toLowerCase()}.` : '';
    const way = after.way
      ? ` The way back to pay is then ${after.way.steps.join(', then ').toLowerCase()}, about ${formatSpan(after.way.duration.typical)}.`
      : ' No way back to pay would remain: only AWS Support could lift the suspension.';
    out.push(
      ...wrap(
        `If not paid by ${plan.deadline.day}: ${plan.payer.name} is suspended on ${after.day} (unless AWS grants a hold), ` +
          `and what it hosts stops.${then}${way}`,
        '',
      ),
      '',
    );
  }

  if (plan.steps.length > 0) {
    out.push(
      `Steps (times in ${tz}; AWS's steps also in US Pacific; * critical path, ! typically after the deadline)`,
    );
    plan.steps.forEach((step, index) => out.push(...stepLines(step, index + 1, plan)));
    out.push('');
  }
  if (plan.finish) {
    out.push(
      `Balance paid: typically ${formatInstant(plan.finish.typical, tz)} ${tz} ` +
        `(${formatInstant(plan.finish.typical, AWS_TIME_ZONE)} US Pacific); best ${formatInstant(plan.finish.best, tz)}, ` +
        `worst ${formatInstant(plan.finish.worst, tz)}.`,
    );
  }
  if (plan.slack) {
    out.push(
      `Slack to the deadline: typical ${signed(plan.slack.typical)}, worst ${signed(plan.slack.worst)}, best ${signed(plan.slack.best)}.`,
    );
  }
  if (plan.cost.length > 0) {
    out.push(
      `Cost: ${plan.cost.map((money) => `${money.amount.toLocaleString('en-US')} ${money.currency}`).join(' + ')}.`,
    );
  }
  if (plan.finish || plan.slack || plan.cost.length > 0) out.push('');
  if (plan.escalation && !plan.escalation.first) out.push(...escalationLines(plan), '');
  out.push('Notes');
  for (const note of plan.notes) out.push(...wrap(`- ${note}`, '    ', '  '));
  return out.join('\n') + '\n';
}

function escalationLines(plan: IncidentPlan): string[] {
  const escalation = plan.escalation!;
  const lines = [
    escalation.first
      ? 'DO THIS FIRST: ask AWS Support for a hold on suspension, now.'
      : 'Escalation: ask AWS Support for a hold on suspension.',
    ...wrap(escalation.why, '  ', '  '),
    ...wrap(`Where: ${escalation.where}`, '  ', '  '),
    '  The request, ready to send:',
    '  ┌' + '─'.repeat(WIDTH - 4),
  ];
  for (const line of escalation.request.split('\n')) {
    if (line === '') lines.push('  │');
    else lines.push(...wrap(line, '  │ ', '  │ '));
  }
  lines.push('  └' + '─'.repeat(WIDTH - 4));
  for (const doc of escalation.docs) lines.push(`  docs: ${doc}`);
  return lines;
}

function stepLines(step: PlanStep, number: number, plan: IncidentPlan): string[] {
  const tz = plan.timeZone;
  const marks = `${step.critical ? '*' : ' '}${step.afterDeadline ? '!' : ' '}`;
  const sameDay = dayIn(step.start, tz) === dayIn(step.end, tz);
  const end = sameDay ? formatInstant(step.end, tz).slice(-5) : formatInstant(step.end, tz);
  const head = `${marks}${String(number).padStart(3)}. ${formatInstant(step.start, tz)} → ${end}  ${step.title}`;
  const indent = '        ';
  const facts = [
    step.who === 'aws' ? 'AWS' : 'you',
    step.duration,
    ...(step.cost ? [`${step.cost.amount.toLocaleString('en-US')} ${step.cost.currency}`] : []),
    `worst end ${formatShort(step.worstEnd, tz)}`,
  ];
  if (step.awsSide) {
    facts.push(
      `US Pacific ${formatShort(step.start, AWS_TIME_ZONE)} → ${formatShort(step.end, AWS_TIME_ZONE)}`,
    );
  }
  if (step.afterDeadline) facts.push('after the deadline');
  return [
    ...wrap(head, indent, ''),
    ...wrap(step.detail, indent, indent),
    ...wrap(facts.join(' · '), indent, indent),
    ...wrap(`source: ${step.source}${step.docs ? ` · docs: ${step.docs}` : ''}`, indent, indent),
  ];
}

function signed(hours: number): string {
  return `${hours < 0 ? '−' : '+'}${formatSpan(hours)}`;
}

/** Word-wraps a line at the report width: the first line with `first`, the rest with `rest`. */
function wrap(text: string, rest: string, first = ''): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.split(' ')) {
    if (!empty && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = rest + word;
    } else {
      line += (empty ? '' : ' ') + word;
    }
    empty = false;
  }
  lines.push(line);
  return lines;
}
