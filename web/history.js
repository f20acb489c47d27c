// History: the scans remembered, newest first; choosing one shows what changed since the scan before it.
import { api, fill, h } from './dom.js';

const severities = ['critical', 'high', 'medium', 'low', 'info'];

function diffBlock(diff) {
  if (diff.note) return h('p', { class: 'muted' }, diff.note);
  return h(
    'div',
    { class: 'diff' },
    h(
      'h3',
      {},
      `Scan ${diff.from.id} (${diff.from.startedAt.slice(0, 16).replace('T', ' ')}) → scan ${diff.to.id} (${diff.to.startedAt.slice(0, 16).replace('T', ' ')})`,
    ),
    diff.changes.length === 0
      ? h('p', {}, 'Nothing changed.')
      : h(
          'ul',
          { class: 'changes' },
          diff.changes.map((change) =>
            h(
              'li',
              {},
              h('span', { class: `badge severity-${change.severity}` }, change.severity.toUpperCase()),
              ' ',
              change.accountName ? `${change.accountName}: ` : '',
              change.message,
            ),
          ),
        ),
  );
}

export async function renderHistory(section, _app, { first }) {
  if (!first) return;
  const history = await api('/api/history');
  if (history.scans.length === 0) {
    fill(
      section,
      h('h2', {}, 'Scan history'),
      h(
        'p',
        {},
        'No scans yet. Run lockout scan: each scan is remembered, and this page shows what changed between them.',
      ),
    );
    return;
  }
  const details = h('div', { class: 'diff-holder' });
  const scans = history.scans;
  const choose = async (index) => {
    for (const row of section.querySelectorAll('tr[data-scan]'))
      row.classList.toggle('selected', Number(row.dataset.index) === index);
    const after = scans[index];
    const before = scans[index + 1];
    if (!before) {
      fill(
        details,
        h('p', { class: 'muted' }, `Scan ${after.id} is the first one: nothing to compare it with.`),
      );
      return;
    }
    fill(details, h('p', { class: 'muted' }, 'Comparing…'));
    fill(details, diffBlock(await api(`/api/diff?from=${before.id}&to=${after.id}`)));
  };
  fill(
    section,
    h('h2', {}, 'Scan history'),
    h(
      'p',
      { class: 'muted' },
      `From ${history.store}. Choose a scan to see what changed since the one before.`,
    ),
    h(
      'table',
      { class: 'scans' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Scan', 'Started', 'Caller account', 'Accounts', 'Findings'].map((title) => h('th', {}, title)),
        ),
      ),
      h(
        'tbody',
        {},
        scans.map((scan, index) =>
          h(
            'tr',
            {
              dataset: { scan: String(scan.id), index: String(index) },
              tabindex: 0,
              onclick: () => void choose(index),
              onkeydown: (event) => {
                if (event.key === 'Enter') void choose(index);
              },
            },
            h('td', {}, String(scan.id)),
            h('td', {}, scan.startedAt.slice(0, 16).replace('T', ' ')),
            h('td', {}, scan.callerAccountId ?? '(outside AWS only)'),
            h(
              'td',
              {},
              `${scan.accounts} (${scan.accountsReached} reached${scan.accountsFailed ? `, ${scan.accountsFailed} failed` : ''})`,
            ),
            h(
              'td',
              {},
              severities
                .filter((severity) => scan.findings[severity] > 0)
                .map((severity) =>
                  h(
                    'span',
                    { class: `badge severity-${severity}` },
                    `${scan.findings[severity]} ${severity}`,
                  ),
                ),
            ),
          ),
        ),
      ),
    ),
    details,
  );
  await choose(0);
}
