/**
 * Sorts the first `count` numbers of `list` in place, in increasing order. The engine's lists are mostly a few
 * dozen numbers (a gate's arguments, a cone's events): by insertion they need neither the copy a typed array's
 * own sort makes nor a comparator, which over an Organization's hundreds of thousands of gates was hundreds of
 * megabytes of garbage. Longer ones go to the built-in sort.
 */
export function sortPrefix(list: Int32Array | Float64Array | number[], count: number): void {
  if (count > 64) {
    if (!Array.isArray(list)) {
      list.subarray(0, count).sort();
      return;
    }
    if (count === list.length) {
      list.sort((a, b) => a - b);
      return;
    }
  }
  for (let index = 1; index < count; index++) {
    const value = list[index]!;
    let at = index - 1;
    while (at >= 0 && list[at]! > value) {
      list[at + 1] = list[at]!;
      at--;
    }
    list[at + 1] = value;
  }
}

/**
 * Sorts `list` in place by `compare`, stably, as the built-in sort does: by insertion when short (a gate's
 * arguments), so without the copy the built-in sort makes.
 */
export function sortSmall<T>(list: T[], compare: (a: T, b: T) => number): T[] {
  if (list.length > 64) return list.sort(compare);
  for (let index = 1; index < list.length; index++) {
    const value = list[index]!;
    let at = index - 1;
    while (at >= 0 && compare(list[at]!, value) > 0) {
      list[at + 1] = list[at]!;
      at--;
    }
    list[at + 1] = value;
  }
  return list;
}
