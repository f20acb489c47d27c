/**
 * The collection `lockout serve` runs between loading its data and answering (collect-garbage.ts): it collects,
 * without the --expose-gc flag, and leaves no `gc` function behind.
 */

import { describe, expect, it } from 'vitest';
import { collectGarbage } from '../../src/server/collect-garbage.js';

describe('collectGarbage', () => {
  it('collects what nothing references any more, and exposes nothing', async () => {
    const made = (): WeakRef<object> => new WeakRef({ left: new Array<number>(10_000).fill(1) });
    const refs = [made(), made()];
    // A WeakRef keeps its target until the job that made it ends.
    await new Promise((resolve) => setTimeout(resolve, 0));
    collectGarbage();
    expect(refs.map((ref) => ref.deref())).toEqual([undefined, undefined]);
    collectGarbage();
    expect('gc' in globalThis).toBe(false);
  });
});
