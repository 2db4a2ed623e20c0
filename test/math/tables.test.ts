// The exact constants behind exp and log (src/elementary.ts EXP_TABLE and LOG_TABLE, the same u64 as assembly/math.ts
// EXP_TAB and LOG_TAB, whose equality the parity test's bitwise results on 50 000 points per function cover), checked
// against decimal.js at 40 digits: for exp, s_j = 2^(j/128) and tail_j = (2^(j/128) − s_j)/s_j, each rounded to
// nearest; for log, c = chi + clo = 1/invc to 2⁻¹⁰⁰, log c within 2⁻⁶⁶ (ARM's construction), c inside its subinterval.
import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { EXP_TABLE, LOG_TABLE } from '../../src/elementary.js';
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

describe('log table (ARM log.c, N = 128)', () => {
  const at = (i: number, w: number): number => double(LOG_TABLE[4 * i + w]!);
  it('has 128 entries of four', () => {
    expect(LOG_TABLE.length).toBe(512);
  });
  it('c = chi + clo is 1/invc, log c is within 2⁻⁶⁶ of ln c, and c lies in subinterval i', () => {
    const bad: string[] = [];
    for (let i = 0; i < 128; i++) {
      const invc = dec(at(i, 0)), logc = dec(at(i, 1));
      const c = dec(at(i, 2)).plus(dec(at(i, 3)));
      if (!(c.times(invc).minus(1).abs().toNumber() < 2 ** -100)) bad.push(`${i}: 1/invc`);
      if (!(logc.minus(c.ln()).abs().toNumber() < 2 ** -66)) bad.push(`${i}: log c`);
      // Subinterval i: the doubles whose bits minus those of 0.6875 have i in bits 45…51.
      const lo = double(0x3fe6000000000000n + (BigInt(i) << 45n)), hi = double(0x3fe6000000000000n + (BigInt(i + 1) << 45n));
      if (!(c.gte(dec(lo)) && c.lt(dec(hi)))) bad.push(`${i}: c outside`);
    }
    expect(bad).toEqual([]);
  });
});
