/**
 * Reading SCRAM's XML report, shared by the reference generator and the benchmark: only the head up to the
 * `<sum-of-products>` tag is read (reports list every product and can outgrow a string: edf9203 at -l 20
 * writes over 512 MiB), and attributes are taken from that tag.
 */

import { closeSync, openSync, readSync } from 'node:fs';

/** The start of a report, up to and including its first `<sum-of-products>` start tag. */
export function reportHead(file) {
  const fd = openSync(file, 'r');
  try {
    const chunk = Buffer.alloc(1 << 16);
    let head = '';
    for (;;) {
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) return head;
      head += chunk.toString('latin1', 0, read);
      if (/<sum-of-products\b[^>]*>/.test(head)) return head;
    }
  } finally {
    closeSync(fd);
  }
}

/** An attribute's value in a start tag, or undefined. */
export function attribute(tag, name) {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
}
