/**
 * Running SCRAM and reading its XML report, shared by the reference generator, the benchmark and the tests:
 * only the head up to the `<sum-of-products>` tag wanted is read (reports list every product and can outgrow a
 * string: edf9203 at -l 20 writes over 512 MiB), and attributes are taken from that tag.
 */

import { closeSync, openSync, readSync } from 'node:fs';

/**
 * SCRAM's arguments for an analysis of `files` at an order limit, up to `-o` (the report's path follows):
 * `bdd` gives the exact probability, `zbdd` only the sets.
 */
export function scramArguments(files, limitOrder, method = 'bdd') {
  const analysis = method === 'zbdd' ? ['--zbdd'] : ['--bdd', '--probability', 'true'];
  return [...files, ...analysis, '-l', String(limitOrder), '--no-indent', '-o'];
}

/**
 * The start of a report, up to and including the `<sum-of-products>` start tag of `topGate` (the first one when
 * topGate is not given), or the whole file when there is none.
 */
export function reportHead(file, topGate) {
  const fd = openSync(file, 'r');
  try {
    const chunk = Buffer.alloc(1 << 16);
    let head = '';
    for (;;) {
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) return head;
      head += chunk.toString('latin1', 0, read);
      const tags = head.match(/<sum-of-products\b[^>]*>/g) ?? [];
      if (tags.some((tag) => topGate === undefined || attribute(tag, 'name') === topGate)) return head;
    }
  } finally {
    closeSync(fd);
  }
}

/** An attribute's value in a start tag, or undefined. */
export function attribute(tag, name) {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
}
