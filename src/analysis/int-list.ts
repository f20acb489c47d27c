/**
 * A list of 32-bit integers whose typed array doubles as it fills: for the hot loops of an Organization's
 * report, load and analysis that would otherwise push onto a plain array. Read `values[0 .. length)`; set
 * `length` lower to drop the tail.
 */
export class IntList {
  values: Int32Array;
  length = 0;

  constructor(capacity = 256) {
    this.values = new Int32Array(capacity);
  }

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Int32Array(2 * this.values.length);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }
}
