// The exact constants behind exp (src/elementary.ts EXP_TABLE, the same u64 as assembly/math.ts EXP_TAB, whose
// equality the parity test's bitwise exp on 50 000 points covers): for j = 0 … 127, s_j = 2^(j/128) rounded to
// nearest and tail_j = (2^(j/128) − s_j)/s_j rounded to nearest, checked against decimal.js at 40 digits.
import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { EXP_TABLE } from '../../src/elementary.js';
import { dec } from './reference.js';

const D = Decimal.clone({ precision: 40 });
const bits = new BigUint64Array(1);
const asDouble = new Float64Array(bits.buffer);
const double = (b: bigint): number => ((bits[0] = b), asDouble[0]!);

/** The spacing of the doubles at |x| (x normal, not a power of two's lower side: enough for this table). */
function ulp(x: number): number {
  return 2 ** (Math.floor(Math.log2(Math.abs(x))) - 52);
}

describe('exp table (Tang, N = 128)', () => {
  it('has 128 pairs', () => {
    expect(EXP_TABLE.length).toBe(256);
  });
  it('s_j (second word + j·2⁴⁵) is 2^(j/128) rounded to nearest', () => {
    const bad: number[] = [];
    for (let j = 0; j < 128; j++) {
      const s = double(EXP_TABLE[2 * j + 1]! + (BigInt(j) << 45n));
      const exact = new D(2).pow(new D(j).div(128));
      // Nearest: within half the spacing of the doubles around it (s in [1, 2): spacing 2⁻⁵²).
      if (!(dec(s).minus(exact).abs().toNumber() <= ulp(s) / 2)) bad.push(j);
    }
    expect(bad).toEqual([]);
  });
  it('tail_j is (2^(j/128) − s_j)/s_j rounded to nearest', () => {
    const bad: number[] = [];
    for (let j = 0; j < 128; j++) {
      const s = double(EXP_TABLE[2 * j + 1]! + (BigInt(j) << 45n));
      const tail = double(EXP_TABLE[2 * j]!);
      const exact = new D(2).pow(new D(j).div(128)).minus(dec(s)).div(dec(s));
      if (j === 0 ? tail !== 0 : !(dec(tail).minus(exact).abs().toNumber() <= ulp(tail) / 2)) bad.push(j);
    }
    expect(bad).toEqual([]);
  });
});
