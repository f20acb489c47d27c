/**
 * A full garbage collection, for a server between loading its data and answering. Loading an Organization of
 * 10,000 accounts leaves some 240 MB of garbage behind; V8 otherwise marks it incrementally during the next
 * allocations, which are the user's first what-if clicks: with --trace-gc, 130–170 ms of marking steps and a
 * compaction landed in the third click, which took 400 ms instead of 110.
 *
 * Node exposes no collection without the --expose-gc flag, which `lockout serve` run in-process (the e2e tests)
 * or by a user cannot be counted on to have: the flag is set for the moment it takes to get the function from a
 * new context, then unset, as jest's leak detector does.
 */

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | undefined;

export function collectGarbage(): void {
  if (collect === undefined) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
    setFlagsFromString('--no-expose-gc');
  }
  collect();
}
