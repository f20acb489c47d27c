// Look-ups by key in lists that grow (src/model/keyed-lists.ts): the answers `find` and `findIndex` give.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idOf, keyedBy, KeyedList } from '../../src/model/keyed-lists.js';

interface Item {
  id: string;
  tag?: string | undefined;
}
const tagOf = (item: Item): string | undefined => item.tag;

describe('KeyedList', () => {
  it('finds what find and findIndex find, while the list grows', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            id: fc.constantFrom('a', 'b', 'c', 'd'),
            tag: fc.option(fc.constantFrom('x', 'y'), { nil: undefined }),
          }),
          {
            maxLength: 30,
          },
        ),
        fc.array(fc.nat(30), { maxLength: 10 }),
        (items, growAt) => {
          const list: Item[] = [];
          const keyed = new KeyedList(list, tagOf);
          const grow = new Set(growAt);
          for (const [index, item] of items.entries()) {
            list.push(item);
            if (!grow.has(index)) continue;
            for (const tag of ['x', 'y', 'z']) {
              expect(keyed.first(tag)).toBe(list.find((each) => each.tag === tag));
              expect(keyed.positionOf(tag)).toBe(list.findIndex((each) => each.tag === tag));
              expect(keyed.all(tag)).toEqual(list.filter((each) => each.tag === tag));
            }
          }
          expect(keyed.first('x')).toBe(list.find((each) => each.tag === 'x'));
        },
      ),
    );
  });

  it('starts again when an entry found was given another key in place', () => {
    const list: Item[] = [
      { id: 'a', tag: 'x' },
      { id: 'b', tag: 'y' },
    ];
    const keyed = new KeyedList(list, tagOf);
    expect(keyed.first('x')).toBe(list[0]);
    list[0]!.tag = 'y';
    expect(keyed.first('x')).toBeUndefined();
    expect(keyed.first('y')).toBe(list[0]);
  });

  it('is one index per list and key, shared by every caller', () => {
    const list = [{ id: 'a' }, { id: 'b' }];
    expect(keyedBy(list, idOf)).toBe(keyedBy(list, idOf));
    expect(keyedBy([...list], idOf)).not.toBe(keyedBy(list, idOf));
    expect(keyedBy(list, idOf).first('b')).toBe(list[1]);
  });
});
