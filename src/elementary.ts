/**
 * Elementary functions of our own: exp, expm1, log, log1p, tanh, and the sigmoid and softplus of the losses. Only
 * + − × ÷, comparisons, exponent bits, exact powers of two and tables of exact constants (exp's and log's; a lookup
 * cannot differ): the same doubles in every JS engine and in WASM. Same operation order, constants, tables and
 * branches as assembly/math.ts (scalar), whose f64x2 forms repeat the scalar operations lane by lane. exp and log:
 * Tang's table-driven methods as ARM optimized-routines' exp.c and log.c have them (N = 128, no division). expm1,
 * log1p, tanh: the reductions and minimax polynomials of fdlibm 5.3 (Sun Microsystems, 1993: s_expm1.c, s_log1p.c,
 * s_tanh.c), with one change: k = round(x/ln 2) by the 1.5·2⁵² shift for every x (fdlibm branches on |x| ≶ ½ln 2,
 * 1½ln 2), so the SIMD lanes need no branch.
 */

// One 8-byte scratch seen as a double and as its two 32-bit words: the exact way to read and set exponent bits in
// JS for log and log1p (a DataView is slower in V8, BigInt much slower). HI indexes the word holding sign, exponent and the top 20
// bits of the fraction.
const F64 = new Float64Array(1);
const I32 = new Int32Array(F64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** 1.5·2⁵²: x + SHIFT − SHIFT rounds |x| < 2⁵¹ to the nearest integer (ties to even), exactly. */
const SHIFT = 6755399441055744.0;
const INV_LN2 = 1.44269504088896338700e+00;
/** ln 2 = LN2_HI + LN2_LO; LN2_HI has 32 significant bits, so k·LN2_HI is exact for |k| < 2²¹. */
const LN2_HI = 6.93147180369123816490e-01;
const LN2_LO = 1.90821492927058770002e-10;

/**
 * 2ᵏ for k = −1022 … 1023 at POW2[k + 1022], made by exact doublings and halvings of 1 (no Math.pow, which is
 * implementation-approximated): every entry is the exact power of two, the double that assembly/math.ts builds from
 * the exponent bits, so the lookup cannot differ between engines. It is faster in V8 than setting the bits through
 * the scratch (exp: ~14 against ~20 ns a call, measured in Node 20).
 */
const POW2 = new Float64Array(2046);
POW2[1022] = 1.0;
for (let i = 1023; i < 2046; i++) POW2[i] = POW2[i - 1]! * 2.0;
for (let i = 1021; i >= 0; i--) POW2[i] = POW2[i + 1]! * 0.5;

/** 2ᵏ for an integer −1022 ≤ k ≤ 1023 (assembly/math.ts: from the exponent bits). */
function pow2(k: number): number {
  return POW2[k + 1022]!;
}

/** y·2ᵏ for −1075 ≤ k ≤ 1024 with one rounding at most (the last product; the others are exact). */
function scale(y: number, k: number): number {
  if (k > 1023) return (y * 2.0) * pow2(1023);
  if (k < -1021) return (y * pow2(k + 1000)) * pow2(-1000);
  return y * pow2(k);
}

// exp: Tang's table-driven method (P. T. P. Tang, "Table-driven implementation of the exponential function in IEEE
// floating-point arithmetic", ACM TOMS 15(2), 1989) in the form of ARM optimized-routines' exp.c (Szabolcs Nagy,
// 2018; also musl src/math/exp.c and exp_data.c, whose table and coefficients these are): N = 128 subintervals,
// x = (k + j/N)·ln 2 + r with |r| ≤ ln 2/256, eˣ = 2ᵏ·2^(j/N)·eʳ, eʳ − 1 by a degree-5 minimax polynomial (ARM's
// error bound without FMA: 0.511 ulp). No division.
/** N/ln 2 with N = 128 (0x1.71547652b82fep0·2⁷). */
const EXP_INV_LN2_N = 184.6649652337873;
/** −ln 2/N in two parts; the high part has 36 significant bits, so kd·EXP_NEG_LN2_HI_N is exact for |kd| < 2¹⁷. */
const EXP_NEG_LN2_HI_N = -0.005415212348111709;
const EXP_NEG_LN2_LO_N = -1.2864023111638346e-14;
/** eʳ − 1 ≈ r + C2·r² + C3·r³ + C4·r⁴ + C5·r⁵ on |r| ≤ ln 2/256 (ARM's minimax fit, absolute error 1.555·2⁻⁶⁶). */
const C2 = 0.49999999999996786;
const C3 = 0.16666666666665886;
const C4 = 0.0416666808410674;
const C5 = 0.008333335853059549;
/** The fast path's range: 2^⌊k/N⌋ and the result are normal, and s·tmp loses at most 2⁻¹⁰⁷⁵ (1/64 ulp). */
const EXP_FAST_LO = -704.0;
const EXP_FAST_HI = 709.0;
/** Above this, eˣ overflows (ln of the largest double, rounded down). */
const EXP_OVER = 7.09782712893383973096e+02;
/** Below this, eˣ < 2⁻¹⁰⁷⁵ rounds to 0. */
const EXP_UNDER = -7.45133219101941108420e+02;

/**
 * The table of assembly/math.ts (EXP_TAB), the same 256 u64: for j = 0 … 127, the bits of tail_j, then those of s_j
 * minus j·2⁴⁵, where s_j is 2^(j/128) rounded to nearest and tail_j = (2^(j/128) − s_j)/s_j rounded (both checked
 * against decimal.js in test/math/tables.test.ts). Exact constants: the lookup cannot differ between engines.
 */
export const EXP_TABLE = new BigUint64Array([
  0x0000000000000000n, 0x3FF0000000000000n, 0x3C9B3B4F1A88BF6En, 0x3FEFF63DA9FB3335n,
  0xBC7160139CD8DC5Dn, 0x3FEFEC9A3E778061n, 0xBC905E7A108766D1n, 0x3FEFE315E86E7F85n,
  0x3C8CD2523567F613n, 0x3FEFD9B0D3158574n, 0xBC8BCE8023F98EFAn, 0x3FEFD06B29DDF6DEn,
  0x3C60F74E61E6C861n, 0x3FEFC74518759BC8n, 0x3C90A3E45B33D399n, 0x3FEFBE3ECAC6F383n,
  0x3C979AA65D837B6Dn, 0x3FEFB5586CF9890Fn, 0x3C8EB51A92FDEFFCn, 0x3FEFAC922B7247F7n,
  0x3C3EBE3D702F9CD1n, 0x3FEFA3EC32D3D1A2n, 0xBC6A033489906E0Bn, 0x3FEF9B66AFFED31Bn,
  0xBC9556522A2FBD0En, 0x3FEF9301D0125B51n, 0xBC5080EF8C4EEA55n, 0x3FEF8ABDC06C31CCn,
  0xBC91C923B9D5F416n, 0x3FEF829AAEA92DE0n, 0x3C80D3E3E95C55AFn, 0x3FEF7A98C8A58E51n,
  0xBC801B15EAA59348n, 0x3FEF72B83C7D517Bn, 0xBC8F1FF055DE323Dn, 0x3FEF6AF9388C8DEAn,
  0x3C8B898C3F1353BFn, 0x3FEF635BEB6FCB75n, 0xBC96D99C7611EB26n, 0x3FEF5BE084045CD4n,
  0x3C9AECF73E3A2F60n, 0x3FEF54873168B9AAn, 0xBC8FE782CB86389Dn, 0x3FEF4D5022FCD91Dn,
  0x3C8A6F4144A6C38Dn, 0x3FEF463B88628CD6n, 0x3C807A05B0E4047Dn, 0x3FEF3F49917DDC96n,
  0x3C968EFDE3A8A894n, 0x3FEF387A6E756238n, 0x3C875E18F274487Dn, 0x3FEF31CE4FB2A63Fn,
  0x3C80472B981FE7F2n, 0x3FEF2B4565E27CDDn, 0xBC96B87B3F71085En, 0x3FEF24DFE1F56381n,
  0x3C82F7E16D09AB31n, 0x3FEF1E9DF51FDEE1n, 0xBC3D219B1A6FBFFAn, 0x3FEF187FD0DAD990n,
  0x3C8B3782720C0AB4n, 0x3FEF1285A6E4030Bn, 0x3C6E149289CECB8Fn, 0x3FEF0CAFA93E2F56n,
  0x3C834D754DB0ABB6n, 0x3FEF06FE0A31B715n, 0x3C864201E2AC744Cn, 0x3FEF0170FC4CD831n,
  0x3C8FDD395DD3F84An, 0x3FEEFC08B26416FFn, 0xBC86A3803B8E5B04n, 0x3FEEF6C55F929FF1n,
  0xBC924AEDCC4B5068n, 0x3FEEF1A7373AA9CBn, 0xBC9907F81B512D8En, 0x3FEEECAE6D05D866n,
  0xBC71D1E83E9436D2n, 0x3FEEE7DB34E59FF7n, 0xBC991919B3CE1B15n, 0x3FEEE32DC313A8E5n,
  0x3C859F48A72A4C6Dn, 0x3FEEDEA64C123422n, 0xBC9312607A28698An, 0x3FEEDA4504AC801Cn,
  0xBC58A78F4817895Bn, 0x3FEED60A21F72E2An, 0xBC7C2C9B67499A1Bn, 0x3FEED1F5D950A897n,
  0x3C4363ED60C2AC11n, 0x3FEECE086061892Dn, 0x3C9666093B0664EFn, 0x3FEECA41ED1D0057n,
  0x3C6ECCE1DAA10379n, 0x3FEEC6A2B5C13CD0n, 0x3C93FF8E3F0F1230n, 0x3FEEC32AF0D7D3DEn,
  0x3C7690CEBB7AAFB0n, 0x3FEEBFDAD5362A27n, 0x3C931DBDEB54E077n, 0x3FEEBCB299FDDD0Dn,
  0xBC8F94340071A38En, 0x3FEEB9B2769D2CA7n, 0xBC87DECCDC93A349n, 0x3FEEB6DAA2CF6642n,
  0xBC78DEC6BD0F385Fn, 0x3FEEB42B569D4F82n, 0xBC861246EC7B5CF6n, 0x3FEEB1A4CA5D920Fn,
  0x3C93350518FDD78En, 0x3FEEAF4736B527DAn, 0x3C7B98B72F8A9B05n, 0x3FEEAD12D497C7FDn,
  0x3C9063E1E21C5409n, 0x3FEEAB07DD485429n, 0x3C34C7855019C6EAn, 0x3FEEA9268A5946B7n,
  0x3C9432E62B64C035n, 0x3FEEA76F15AD2148n, 0xBC8CE44A6199769Fn, 0x3FEEA5E1B976DC09n,
  0xBC8C33C53BEF4DA8n, 0x3FEEA47EB03A5585n, 0xBC845378892BE9AEn, 0x3FEEA34634CCC320n,
  0xBC93CEDD78565858n, 0x3FEEA23882552225n, 0x3C5710AA807E1964n, 0x3FEEA155D44CA973n,
  0xBC93B3EFBF5E2228n, 0x3FEEA09E667F3BCDn, 0xBC6A12AD8734B982n, 0x3FEEA012750BDABFn,
  0xBC6367EFB86DA9EEn, 0x3FEE9FB23C651A2Fn, 0xBC80DC3D54E08851n, 0x3FEE9F7DF9519484n,
  0xBC781F647E5A3ECFn, 0x3FEE9F75E8EC5F74n, 0xBC86EE4AC08B7DB0n, 0x3FEE9F9A48A58174n,
  0xBC8619321E55E68An, 0x3FEE9FEB564267C9n, 0x3C909CCB5E09D4D3n, 0x3FEEA0694FDE5D3Fn,
  0xBC7B32DCB94DA51Dn, 0x3FEEA11473EB0187n, 0x3C94ECFD5467C06Bn, 0x3FEEA1ED0130C132n,
  0x3C65EBE1ABD66C55n, 0x3FEEA2F336CF4E62n, 0xBC88A1C52FB3CF42n, 0x3FEEA427543E1A12n,
  0xBC9369B6F13B3734n, 0x3FEEA589994CCE13n, 0xBC805E843A19FF1En, 0x3FEEA71A4623C7ADn,
  0xBC94D450D872576En, 0x3FEEA8D99B4492EDn, 0x3C90AD675B0E8A00n, 0x3FEEAAC7D98A6699n,
  0x3C8DB72FC1F0EAB4n, 0x3FEEACE5422AA0DBn, 0xBC65B6609CC5E7FFn, 0x3FEEAF3216B5448Cn,
  0x3C7BF68359F35F44n, 0x3FEEB1AE99157736n, 0xBC93091FA71E3D83n, 0x3FEEB45B0B91FFC6n,
  0xBC5DA9B88B6C1E29n, 0x3FEEB737B0CDC5E5n, 0xBC6C23F97C90B959n, 0x3FEEBA44CBC8520Fn,
  0xBC92434322F4F9AAn, 0x3FEEBD829FDE4E50n, 0xBC85CA6CD7668E4Bn, 0x3FEEC0F170CA07BAn,
  0x3C71AFFC2B91CE27n, 0x3FEEC49182A3F090n, 0x3C6DD235E10A73BBn, 0x3FEEC86319E32323n,
  0xBC87C50422622263n, 0x3FEECC667B5DE565n, 0x3C8B1C86E3E231D5n, 0x3FEED09BEC4A2D33n,
  0xBC91BBD1D3BCBB15n, 0x3FEED503B23E255Dn, 0x3C90CC319CEE31D2n, 0x3FEED99E1330B358n,
  0x3C8469846E735AB3n, 0x3FEEDE6B5579FDBFn, 0xBC82DFCD978E9DB4n, 0x3FEEE36BBFD3F37An,
  0x3C8C1A7792CB3387n, 0x3FEEE89F995AD3ADn, 0xBC907B8F4AD1D9FAn, 0x3FEEEE07298DB666n,
  0xBC55C3D956DCAEBAn, 0x3FEEF3A2B84F15FBn, 0xBC90A40E3DA6F640n, 0x3FEEF9728DE5593An,
  0xBC68D6F438AD9334n, 0x3FEEFF76F2FB5E47n, 0xBC91EEE26B588A35n, 0x3FEF05B030A1064An,
  0x3C74FFD70A5FDDCDn, 0x3FEF0C1E904BC1D2n, 0xBC91BDFBFA9298ACn, 0x3FEF12C25BD71E09n,
  0x3C736EAE30AF0CB3n, 0x3FEF199BDD85529Cn, 0x3C8EE3325C9FFD94n, 0x3FEF20AB5FFFD07An,
  0x3C84E08FD10959ACn, 0x3FEF27F12E57D14Bn, 0x3C63CDAF384E1A67n, 0x3FEF2F6D9406E7B5n,
  0x3C676B2C6C921968n, 0x3FEF3720DCEF9069n, 0xBC808A1883CCB5D2n, 0x3FEF3F0B555DC3FAn,
  0xBC8FAD5D3FFFFA6Fn, 0x3FEF472D4A07897Cn, 0xBC900DAE3875A949n, 0x3FEF4F87080D89F2n,
  0x3C74A385A63D07A7n, 0x3FEF5818DCFBA487n, 0xBC82919E2040220Fn, 0x3FEF60E316C98398n,
  0x3C8E5A50D5C192ACn, 0x3FEF69E603DB3285n, 0x3C843A59AC016B4Bn, 0x3FEF7321F301B460n,
  0xBC82D52107B43E1Fn, 0x3FEF7C97337B9B5Fn, 0xBC892AB93B470DC9n, 0x3FEF864614F5A129n,
  0x3C74B604603A88D3n, 0x3FEF902EE78B3FF6n, 0x3C83C5EC519D7271n, 0x3FEF9A51FBC74C83n,
  0xBC8FF7128FD391F0n, 0x3FEFA4AFA2A490DAn, 0xBC8DAE98E223747Dn, 0x3FEFAF482D8E67F1n,
  0x3C8EC3BC41AA2008n, 0x3FEFBA1BEE615A27n, 0x3C842B94C3A9EB32n, 0x3FEFC52B376BBA97n,
  0x3C8A64A931D185EEn, 0x3FEFD0765B6E4540n, 0xBC8E37BAE43BE3EDn, 0x3FEFDBFDAD9CBE14n,
  0x3C77893B4D91CD9Dn, 0x3FEFE7C1819E90D8n, 0x3C5305C14160CC89n, 0x3FEFF3C22B8F71F1n,
]);
/** tail_j and s_j as doubles (s_j: the table's bits plus j·2⁴⁵, as assembly/math.ts does with k·2⁵² added). */
const EXP_TAIL = new Float64Array(128);
const EXP_SCALE = new Float64Array(128);
{
  const bits = new BigUint64Array(1);
  const asDouble = new Float64Array(bits.buffer);
  for (let j = 0; j < 128; j++) {
    bits[0] = EXP_TABLE[2 * j]!;
    EXP_TAIL[j] = asDouble[0]!;
    bits[0] = EXP_TABLE[2 * j + 1]! + (BigInt(j) << 45n);
    EXP_SCALE[j] = asDouble[0]!;
  }
}

/**
 * eˣ (see src/math.ts for the contract). kd = round(x·N/ln 2) = 128·k + j by the 1.5·2⁵² shift; r = (x + kd·(−ln2hi/N))
 * + kd·(−ln2lo/N); tmp = ((tail_j + r) + r²·(C2 + r·C3)) + r⁴·(C4 + r·C5); s = s_j·2ᵏ; eˣ = s + s·tmp (Tang's method
 * as in ARM optimized-routines / musl exp.c). Outside [−704, 709], expSlow.
 */
export function exp(x: number): number {
  if (!(x >= EXP_FAST_LO && x <= EXP_FAST_HI)) return expSlow(x);
  const kd = (x * EXP_INV_LN2_N + SHIFT) - SHIFT;
  const ki = kd | 0;
  const j = ki & 127;
  const r = (x + kd * EXP_NEG_LN2_HI_N) + kd * EXP_NEG_LN2_LO_N;
  const r2 = r * r;
  const tmp = ((EXP_TAIL[j]! + r) + r2 * (C2 + r * C3)) + (r2 * r2) * (C4 + r * C5);
  const s = EXP_SCALE[j]! * POW2[(ki >> 7) + 1022]!;
  return s + s * tmp;
}

/**
 * exp outside [−704, 709]: +∞ above EXP_OVER, NaN for NaN, 0 below EXP_UNDER; otherwise the same tmp, with s_j·2ᵏ
 * applied as (s + s·tmp)·2 for k > 0 (s = s_j·2ᵏ⁻¹) and as (s + s·tmp)·2⁻¹⁰⁰⁰ below (s = s_j·2ᵏ⁺¹⁰⁰⁰), so that only
 * the last product rounds (subnormal results: < 1 ulp).
 */
function expSlow(x: number): number {
  if (!(x <= EXP_OVER)) return x > 0 ? Infinity : x; // +∞ and overflow; NaN
  if (x < EXP_UNDER) return 0.0;
  const kd = (x * EXP_INV_LN2_N + SHIFT) - SHIFT;
  const ki = kd | 0;
  const j = ki & 127;
  const k = ki >> 7;
  const r = (x + kd * EXP_NEG_LN2_HI_N) + kd * EXP_NEG_LN2_LO_N;
  const r2 = r * r;
  const tmp = ((EXP_TAIL[j]! + r) + r2 * (C2 + r * C3)) + (r2 * r2) * (C4 + r * C5);
  if (k > 0) {
    const s = EXP_SCALE[j]! * pow2(k - 1);
    return (s + s * tmp) * 2.0;
  }
  const s = EXP_SCALE[j]! * pow2(k + 1000);
  return (s + s * tmp) * pow2(-1000);
}

// expm1: fdlibm s_expm1.c's scaled polynomial (Q1…Q5) for the rational approximation on |r| ≤ ½ln 2.
const Q1 = -3.33333333333331316428e-02;
const Q2 = 1.58730158725481460165e-03;
const Q3 = -7.93650757867487942473e-05;
const Q4 = 4.00821782732936239552e-06;
const Q5 = -2.01099218183624371326e-07;
/** −56·ln 2: below it, eˣ − 1 rounds to −1. */
const EXPM1_MINUS_ONE = -3.88162421113569373274e+01;
/** 2⁻⁵⁴: below it in magnitude, eˣ − 1 rounds to x. */
const EXPM1_TINY = 5.55111512312578270212e-17;

/**
 * eˣ − 1 (see src/math.ts). Reduction x = k·ln 2 + (hi − lo) with the correction c = (hi − r) − lo, then fdlibm
 * s_expm1.c's rational form and its recombination for each range of k.
 */
export function expm1(x: number): number {
  if (!(x <= EXP_OVER)) return x > 0 ? Infinity : x;
  if (x < EXPM1_MINUS_ONE) return -1.0;
  if (Math.abs(x) < EXPM1_TINY) return x;
  const kf = (x * INV_LN2 + SHIFT) - SHIFT;
  const k = kf | 0;
  const hi = x - kf * LN2_HI;
  const lo = kf * LN2_LO;
  const r = hi - lo;
  const c = (hi - r) - lo;
  const hfx = 0.5 * r;
  const hxs = r * hfx;
  const r1 = 1.0 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
  const t = 3.0 - r1 * hfx;
  let e = hxs * ((r1 - t) / (6.0 - r * t));
  if (k === 0) return r - (r * e - hxs);
  e = (r * (e - c) - c) - hxs;
  if (k === -1) return 0.5 * (r - e) - 0.5;
  if (k === 1) return r < -0.25 ? -2.0 * (e - (r + 0.5)) : 1.0 + 2.0 * (r - e);
  if (k <= -2 || k > 56) return scale(1.0 - (e - r), k) - 1.0;
  if (k < 20) return (1.0 - pow2(-k) - (e - r)) * pow2(k);
  return ((r - (e + pow2(-k))) + 1.0) * pow2(k);
}

// log1p (and tanh's expm1 aside): fdlibm s_log1p.c. With s = f/(2 + f), log(1 + f) = 2s + s·R(s²), R a Remez polynomial
// of degree 14 in s (Lg1…Lg7) with error < 2⁻⁵⁸·⁴⁵ on [0, 0.1716].
const LG1 = 6.666666666666735130e-01;
const LG2 = 3.999999999940941908e-01;
const LG3 = 2.857142874366239149e-01;
const LG4 = 2.222219843214978396e-01;
const LG5 = 1.818357216161805012e-01;
const LG6 = 1.531383769920937332e-01;
const LG7 = 1.479819860511658591e-01;
/** Adding this to the high word moves [√2/2, √2) onto one binade, so the exponent field gives k (fdlibm). */
const SQRT_HALF_HI = 0x3fe6a09e;
/** log1p takes f = x itself (k = 0) for SQRT_HALF − 1 < x < SQRT2 − 1 (fdlibm's 0xbfd2bec4 and 0x3fda827a). */
const LOG1P_F_MIN = -0.2928932188134524;
const LOG1P_F_MAX = 0.41421356237309503;

/** log(1 + f) + k·ln 2 + c from the reduced f (fdlibm: s·(hfsq + R) + (k·ln2_lo + c) − hfsq + f + k·ln2_hi). */
function logReduced(f: number, dk: number, c: number): number {
  const hfsq = 0.5 * f * f;
  const s = f / (2.0 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const R = t2 + t1;
  return s * (hfsq + R) + (dk * LN2_LO + c) - hfsq + f + dk * LN2_HI;
}

// log: ARM optimized-routines' log.c (Szabolcs Nagy, 2018; musl src/math/log.c and log_data.c, whose tables and
// coefficients these are), the form without FMA (ARM's bound: 0.52 ulp). x = 2ᵏ·z with z in [0.6875, 1.375) split
// into N = 128 subintervals by the bits; log x = k·ln 2 + log c + log1p(r), r = ((z − chi) − clo)·(1/c), log1p(r) by
// a degree-6 polynomial. Near 1, where the table's absolute error would be too large relative to log x, a degree-11
// polynomial in r = x − 1 with r − r²/2 in two parts. No division.
/**
 * The table of assembly/math.ts (LOG_TAB), the same 512 u64: for i = 0 … 127, 1/c, log c (rounded; error < 2⁻⁶⁶), and
 * c = chi + clo, for c near the middle of subinterval i (checked against decimal.js in test/math/tables.test.ts).
 */
export const LOG_TABLE = new BigUint64Array([
  0x3FF734F0C3E0DE9Fn, 0xBFD7CC7F79E69000n, 0x3FE61000014FB66Bn, 0x3C7E026C91425B3Cn,
  0x3FF713786A2CE91Fn, 0xBFD76FEEC20D0000n, 0x3FE63000034DB495n, 0x3C8DBFEA48005D41n,
  0x3FF6F26008FAB5A0n, 0xBFD713E31351E000n, 0x3FE650000D94D478n, 0x3C8E7FA786D6A5B7n,
  0x3FF6D1A61F138C7Dn, 0xBFD6B85B38287800n, 0x3FE67000074E6FADn, 0x3C61FCEA6B54254Cn,
  0x3FF6B1490BC5B4D1n, 0xBFD65D5590807800n, 0x3FE68FFFFEDF0FAEn, 0xBC7C7E274C590EFDn,
  0x3FF69147332F0CBAn, 0xBFD602D076180000n, 0x3FE6B0000763C5BCn, 0xBC8AC16848DCDA01n,
  0x3FF6719F18224223n, 0xBFD5A8CA86909000n, 0x3FE6D0001E5CC1F6n, 0x3C833F1C9D499311n,
  0x3FF6524F99A51ED9n, 0xBFD54F4356035000n, 0x3FE6EFFFEB05F63En, 0xBC7E80041AE22D53n,
  0x3FF63356AA8F24C4n, 0xBFD4F637C36B4000n, 0x3FE710000E869780n, 0x3C7BFF6671097952n,
  0x3FF614B36B9DDC14n, 0xBFD49DA7FDA85000n, 0x3FE72FFFFC67E912n, 0x3C8C00E226BD8724n,
  0x3FF5F66452C65C4Cn, 0xBFD445923989A800n, 0x3FE74FFFDF81116An, 0xBC6E02916EF101D2n,
  0x3FF5D867B5912C4Fn, 0xBFD3EDF439B0B800n, 0x3FE770000F679C90n, 0xBC67FC71CD549C74n,
  0x3FF5BABCCB5B90DEn, 0xBFD396CE448F7000n, 0x3FE78FFFFA7EC835n, 0x3C81BEC19EF50483n,
  0x3FF59D61F2D91A78n, 0xBFD3401E17BDA000n, 0x3FE7AFFFFE20C2E6n, 0xBC707E1729CC6465n,
  0x3FF5805612465687n, 0xBFD2E9E2EF468000n, 0x3FE7CFFFED3FC900n, 0xBC808072087B8B1Cn,
  0x3FF56397CEE76BD3n, 0xBFD2941B3830E000n, 0x3FE7EFFFE9261A76n, 0x3C8DC0286D9DF9AEn,
  0x3FF54725E2A77F93n, 0xBFD23EC58CDA8800n, 0x3FE81000049CA3E8n, 0x3C897FD251E54C33n,
  0x3FF52AFF42064583n, 0xBFD1E9E129279000n, 0x3FE8300017932C8Fn, 0xBC8AFEE9B630F381n,
  0x3FF50F22DBB2BDDFn, 0xBFD1956D2B48F800n, 0x3FE850000633739Cn, 0x3C89BFBF6B6535BCn,
  0x3FF4F38F4734DED7n, 0xBFD141679AB9F800n, 0x3FE87000204289C6n, 0xBC8BBF65F3117B75n,
  0x3FF4D843CFDE2840n, 0xBFD0EDD094EF9800n, 0x3FE88FFFEBF57904n, 0xBC89006EA23DCB57n,
  0x3FF4BD3EC078A3C8n, 0xBFD09AA518DB1000n, 0x3FE8B00022BC04DFn, 0xBC7D00DF38E04B0An,
  0x3FF4A27FC3E0258An, 0xBFD047E65263B800n, 0x3FE8CFFFE50C1B8An, 0xBC88007146FF9F05n,
  0x3FF4880524D48434n, 0xBFCFEB224586F000n, 0x3FE8EFFFFC918E43n, 0x3C83817BD07A7038n,
  0x3FF46DCE1B192D0Bn, 0xBFCF474A7517B000n, 0x3FE910001EFA5FC7n, 0x3C893E9176DFB403n,
  0x3FF453D9D3391854n, 0xBFCEA4443D103000n, 0x3FE9300013467BB9n, 0x3C7F804E4B980276n,
  0x3FF43A2744B4845An, 0xBFCE020D44E9B000n, 0x3FE94FFFE6EE076Fn, 0xBC8F7EF0D9FF622En,
  0x3FF420B54115F8FBn, 0xBFCD60A22977F000n, 0x3FE96FFFDE3C12D1n, 0xBC7082AA962638BAn,
  0x3FF40782DA3EF4B1n, 0xBFCCC00104959000n, 0x3FE98FFFF4458A0Dn, 0xBC87801B9164A8EFn,
  0x3FF3EE8F5D57FE8Fn, 0xBFCC202956891000n, 0x3FE9AFFFDD982E3En, 0xBC8740E08A5A9337n,
  0x3FF3D5D9A00B4CE9n, 0xBFCB81178D811000n, 0x3FE9CFFFED49FB66n, 0x3C3FCE08C19BE000n,
  0x3FF3BD60C010C12Bn, 0xBFCAE2C9CCD3D000n, 0x3FE9F00020F19C51n, 0xBC8A3FAA27885B0An,
  0x3FF3A5242B75DAB8n, 0xBFCA45402E129000n, 0x3FEA10001145B006n, 0x3C74FF489958DA56n,
  0x3FF38D22CD9FD002n, 0xBFC9A877681DF000n, 0x3FEA300007BBF6FAn, 0x3C8CBEAB8A2B6D18n,
  0x3FF3755BC5847A1Cn, 0xBFC90C6D69483000n, 0x3FEA500010971D79n, 0x3C88FECADD787930n,
  0x3FF35DCE49AD36E2n, 0xBFC87120A645C000n, 0x3FEA70001DF52E48n, 0xBC8F41763DD8ABDBn,
  0x3FF34679984DD440n, 0xBFC7D68FB4143000n, 0x3FEA90001C593352n, 0xBC8EBF0284C27612n,
  0x3FF32F5CCEFFCB24n, 0xBFC73CB83C627000n, 0x3FEAB0002A4F3E4Bn, 0xBC69FD043CFF3F5Fn,
  0x3FF3187775A10D49n, 0xBFC6A39A9B376000n, 0x3FEACFFFD7AE1ED1n, 0xBC823EE7129070B4n,
  0x3FF301C8373E3990n, 0xBFC60B3154B7A000n, 0x3FEAEFFFEE510478n, 0x3C6A063EE00EDEA3n,
  0x3FF2EB4EBB95F841n, 0xBFC5737D76243000n, 0x3FEB0FFFDB650D5Bn, 0x3C5A06C8381F0AB9n,
  0x3FF2D50A0219A9D1n, 0xBFC4DC7B8FC23000n, 0x3FEB2FFFFEAACA57n, 0xBC79011E74233C1Dn,
  0x3FF2BEF9A8B7FD2An, 0xBFC4462C51D20000n, 0x3FEB4FFFD995BADCn, 0xBC79FF1068862A9Fn,
  0x3FF2A91C7A0C1BABn, 0xBFC3B08ABC830000n, 0x3FEB7000249E659Cn, 0x3C8AFF45D0864F3En,
  0x3FF293726014B530n, 0xBFC31B996B490000n, 0x3FEB8FFFF9871640n, 0x3C7CFE7796C2C3F9n,
  0x3FF27DFA5757A1F5n, 0xBFC2875490A44000n, 0x3FEBAFFFD204CB4Fn, 0xBC63FF27EEF22BC4n,
  0x3FF268B39B1D3BBFn, 0xBFC1F3B9F879A000n, 0x3FEBCFFFD2415C45n, 0xBC6CFFB7EE3BEA21n,
  0x3FF2539D838FF5BDn, 0xBFC160C8252CA000n, 0x3FEBEFFFF86309DFn, 0xBC814103972E0B5Cn,
  0x3FF23EB7AAC9083Bn, 0xBFC0CE7F57F72000n, 0x3FEC0FFFE1B57653n, 0x3C8BC16494B76A19n,
  0x3FF22A012BA940B6n, 0xBFC03CDC49FEA000n, 0x3FEC2FFFF1FA57E3n, 0xBC64FEEF8D30C6EDn,
  0x3FF2157996CC4132n, 0xBFBF57BDBC4B8000n, 0x3FEC4FFFDCBFE424n, 0xBC843F68BCEC4775n,
  0x3FF201201DD2FC9Bn, 0xBFBE370896404000n, 0x3FEC6FFFED54B9F7n, 0x3C847EA3F053E0ECn,
  0x3FF1ECF4494D480Bn, 0xBFBD17983EF94000n, 0x3FEC8FFFEB998FD5n, 0x3C7383068DF992F1n,
  0x3FF1D8F5528F6569n, 0xBFBBF9674ED8A000n, 0x3FECB0002125219An, 0xBC68FD8E64180E04n,
  0x3FF1C52311577E7Cn, 0xBFBADC79202F6000n, 0x3FECCFFFDD94469Cn, 0x3C8E7EBE1CC7EA72n,
  0x3FF1B17C74CB26E9n, 0xBFB9C0C3E7288000n, 0x3FECEFFFEAFDC476n, 0x3C8EBE39AD9F88FEn,
  0x3FF19E010C2C1AB6n, 0xBFB8A646B372C000n, 0x3FED1000169AF82Bn, 0x3C757D91A8B95A71n,
  0x3FF18AB07BB670BDn, 0xBFB78D01B3AC0000n, 0x3FED30000D0FF71Dn, 0x3C89C1906970C7DAn,
  0x3FF1778A25EFBCB6n, 0xBFB674F145380000n, 0x3FED4FFFEA790FC4n, 0xBC580E37C558FE0Cn,
  0x3FF1648D354C31DAn, 0xBFB55E0E6D878000n, 0x3FED70002EDC87E5n, 0xBC7F80D64DC10F44n,
  0x3FF151B990275FDDn, 0xBFB4485CDEA1E000n, 0x3FED900021DC82AAn, 0xBC747C8F94FD5C5Cn,
  0x3FF13F0EA432D24Cn, 0xBFB333D94D6AA000n, 0x3FEDAFFFD86B0283n, 0x3C8C7F1DC521617En,
  0x3FF12C8B7210F9DAn, 0xBFB22079F8C56000n, 0x3FEDD000296C4739n, 0x3C88019EB2FFB153n,
  0x3FF11A3028ECB531n, 0xBFB10E4698622000n, 0x3FEDEFFFE54490F5n, 0x3C6E00D2C652CC89n,
  0x3FF107FBDA8434AFn, 0xBFAFFA6C6AD20000n, 0x3FEE0FFFCDABF694n, 0xBC7F8340202D69D2n,
  0x3FF0F5EE0F4E6BB3n, 0xBFADDA8D4A774000n, 0x3FEE2FFFDB52C8DDn, 0x3C7B00C1CA1B0864n,
  0x3FF0E4065D2A9FCEn, 0xBFABBCECE4850000n, 0x3FEE4FFFF24216EFn, 0x3C72FFA8B094AB51n,
  0x3FF0D244632CA521n, 0xBFA9A1894012C000n, 0x3FEE6FFFE88A5E11n, 0xBC57F673B1EFBE59n,
  0x3FF0C0A77CE2981An, 0xBFA788583302C000n, 0x3FEE9000119EFF0Dn, 0xBC84808D5E0BC801n,
  0x3FF0AF2F83C636D1n, 0xBFA5715E67D68000n, 0x3FEEAFFFDFA51744n, 0x3C780006D54320B5n,
  0x3FF09DDB98A01339n, 0xBFA35C8A49658000n, 0x3FEED0001A127FA1n, 0xBC5002F860565C92n,
  0x3FF08CABAF52E7DFn, 0xBFA149E364154000n, 0x3FEEF00007BABCC4n, 0xBC8540445D35E611n,
  0x3FF07B9F2F4E28FBn, 0xBF9E72C082EB8000n, 0x3FEF0FFFF57A8D02n, 0xBC4FFB3139EF9105n,
  0x3FF06AB58C358F19n, 0xBF9A55F152528000n, 0x3FEF30001EE58AC7n, 0x3C8A81ACF2731155n,
  0x3FF059EEA5ECF92Cn, 0xBF963D62CF818000n, 0x3FEF4FFFF5823494n, 0x3C8A3F41D4D7C743n,
  0x3FF04949CDD12C90n, 0xBF9228FB8CAA0000n, 0x3FEF6FFFFCA94C6Bn, 0xBC6202F41C987875n,
  0x3FF038C6C6F0ADA9n, 0xBF8C317B20F90000n, 0x3FEF8FFFE1F9C441n, 0x3C777DD1F477E74Bn,
  0x3FF02865137932A9n, 0xBF8419355DAA0000n, 0x3FEFAFFFD2E0E37En, 0xBC6F01199A7CA331n,
  0x3FF0182427EA7348n, 0xBF781203C2EC0000n, 0x3FEFD0001C77E49En, 0x3C7181EE4BCEACB1n,
  0x3FF008040614B195n, 0xBF60040979240000n, 0x3FEFEFFFF7E0C331n, 0xBC6E05370170875An,
  0x3FEFE01FF726FA1An, 0x3F6FEFF384900000n, 0x3FF00FFFF465606En, 0xBC8A7EAD491C0ADAn,
  0x3FEFA11CC261EA74n, 0x3F87DC41353D0000n, 0x3FF02FFFF3867A58n, 0xBC977F69C3FCB2E0n,
  0x3FEF6310B081992En, 0x3F93CEA3C4C28000n, 0x3FF04FFFFDFC0D17n, 0x3C97BFFE34CB945Bn,
  0x3FEF25F63CEEADCDn, 0x3F9B9FC114890000n, 0x3FF0700003CD4D82n, 0x3C820083C0E456CBn,
  0x3FEEE9C8039113E7n, 0x3FA1B0D8CE110000n, 0x3FF08FFFF9F2CBE8n, 0xBC6DFFDFBE37751An,
  0x3FEEAE8078CBB1ABn, 0x3FA58A5BD001C000n, 0x3FF0B000010CDA65n, 0xBC913F7FAEE626EBn,
  0x3FEE741AA29D0C9Bn, 0x3FA95C8340D88000n, 0x3FF0D00001A4D338n, 0x3C807DFA79489FF7n,
  0x3FEE3A91830A99B5n, 0x3FAD276AEF578000n, 0x3FF0EFFFFADAFDFDn, 0xBC77040570D66BC0n,
  0x3FEE01E009609A56n, 0x3FB07598E598C000n, 0x3FF110000BBAFD96n, 0x3C8E80D4846D0B62n,
  0x3FEDCA01E577BB98n, 0x3FB253F5E30D2000n, 0x3FF12FFFFAE5F45Dn, 0x3C9DBFFA64FD36EFn,
  0x3FED92F20B7C9103n, 0x3FB42EDD8B380000n, 0x3FF150000DD59AD9n, 0x3C9A0077701250AEn,
  0x3FED5CAC66FB5CCEn, 0x3FB606598757C000n, 0x3FF170000F21559An, 0x3C8DFDF9E2E3DEEEn,
  0x3FED272CAA5EDE9Dn, 0x3FB7DA76356A0000n, 0x3FF18FFFFC275426n, 0x3C910030DC3B7273n,
  0x3FECF26E3E6B2CCDn, 0x3FB9AB434E1C6000n, 0x3FF1B000123D3C59n, 0x3C997F7980030188n,
  0x3FECBE6DA2A77902n, 0x3FBB78C7BB0D6000n, 0x3FF1CFFFF8299EB7n, 0xBC65F932AB9F8C67n,
  0x3FEC8B266D37086Dn, 0x3FBD431332E72000n, 0x3FF1EFFFF48AD400n, 0x3C937FBF9DA75BEBn,
  0x3FEC5894BD5D5804n, 0x3FBF0A3171DE6000n, 0x3FF210000C8B86A4n, 0x3C9F806B91FD5B22n,
  0x3FEC26B533BB9F8Cn, 0x3FC067152B914000n, 0x3FF2300003854303n, 0x3C93FFC2EB9FBF33n,
  0x3FEBF583EEECE73Fn, 0x3FC147858292B000n, 0x3FF24FFFFFBCF684n, 0x3C7601E77E2E2E72n,
  0x3FEBC4FD75DB96C1n, 0x3FC2266ECDCA3000n, 0x3FF26FFFF52921D9n, 0x3C7FFCBB767F0C61n,
  0x3FEB951E0C864A28n, 0x3FC303D7A6C55000n, 0x3FF2900014933A3Cn, 0xBC7202CA3C02412Bn,
  0x3FEB65E2C5EF3E2Cn, 0x3FC3DFC33C331000n, 0x3FF2B00014556313n, 0xBC92808233F21F02n,
  0x3FEB374867C9888Bn, 0x3FC4BA366B7A8000n, 0x3FF2CFFFEBFE523Bn, 0xBC88FF7E384FDCF2n,
  0x3FEB094B211D304An, 0x3FC5933928D1F000n, 0x3FF2F0000BB8AD96n, 0xBC85FF51503041C5n,
  0x3FEADBE885F2EF7En, 0x3FC66ACD2418F000n, 0x3FF30FFFFB7AE2AFn, 0xBC810071885E289Dn,
  0x3FEAAF1D31603DA2n, 0x3FC740F8EC669000n, 0x3FF32FFFFEAC5F7Fn, 0xBC91FF5D3FB7B715n,
  0x3FEA82E63FD358A7n, 0x3FC815C0F51AF000n, 0x3FF350000CA66756n, 0x3C957F82228B82BDn,
  0x3FEA5740EF09738Bn, 0x3FC8E92954F68000n, 0x3FF3700011FBF721n, 0x3C8000BAC40DD5CCn,
  0x3FEA2C2A90AB4B27n, 0x3FC9BB3602F84000n, 0x3FF38FFFF9592FB9n, 0xBC943F9D2DB2A751n,
  0x3FEA01A01393F2D1n, 0x3FCA8BED1C2C0000n, 0x3FF3B00004DDD242n, 0x3C857F6B707638E1n,
  0x3FE9D79F24DB3C1Bn, 0x3FCB5B515C01D000n, 0x3FF3CFFFF5B2C957n, 0x3C7A023A10BF1231n,
  0x3FE9AE2505C7B190n, 0x3FCC2967CCBCC000n, 0x3FF3EFFFEAB0B418n, 0x3C987F6D66B152B0n,
  0x3FE9852EF297CE2Fn, 0x3FCCF635D5486000n, 0x3FF410001532AFF4n, 0x3C67F8375F198524n,
  0x3FE95CBAEEA44B75n, 0x3FCDC1BD3446C000n, 0x3FF4300017478B29n, 0x3C8301E672DC5143n,
  0x3FE934C69DE74838n, 0x3FCE8C01B8CFE000n, 0x3FF44FFFE795B463n, 0x3C89FF69B8B2895An,
  0x3FE90D4F2F6752E6n, 0x3FCF5509C0179000n, 0x3FF46FFFE80475E0n, 0xBC95C0B19BC2F254n,
  0x3FE8E6528EFFD79Dn, 0x3FD00E6C121FB800n, 0x3FF48FFFEF6FC1E7n, 0x3C9B4009F23A2A72n,
  0x3FE8BFCE9FCC007Cn, 0x3FD071B80E93D000n, 0x3FF4AFFFE5BEA704n, 0xBC94FFB7BF0D7D45n,
  0x3FE899C0DABEC30En, 0x3FD0D46B9E867000n, 0x3FF4D000171027DEn, 0xBC99C06471DC6A3Dn,
  0x3FE87427AA2317FBn, 0x3FD13687334BD000n, 0x3FF4F0000FF03EE2n, 0x3C977F890B85531Cn,
  0x3FE84F00ACB39A08n, 0x3FD1980D67234800n, 0x3FF5100012DC4BD1n, 0x3C6004657166A436n,
  0x3FE82A49E8653E55n, 0x3FD1F8FFE0CC8000n, 0x3FF530001605277An, 0xBC96BFCECE233209n,
  0x3FE8060195F40260n, 0x3FD2595FD7636800n, 0x3FF54FFFECDB704Cn, 0xBC8902720505A1D7n,
  0x3FE7E22563E0A329n, 0x3FD2B9300914A800n, 0x3FF56FFFEF5F54A9n, 0x3C9BBFE60EC96412n,
  0x3FE7BEB377DCB5ADn, 0x3FD3187210436000n, 0x3FF5900017E61012n, 0x3C887EC581AFEF90n,
  0x3FE79BAA679725C2n, 0x3FD377266DEC1800n, 0x3FF5B00003C93E92n, 0xBC9F41080ABF0CC0n,
  0x3FE77907F2170657n, 0x3FD3D54FFBAF3000n, 0x3FF5D0001D4919BCn, 0xBC98812AFB254729n,
  0x3FE756CADBD6130Cn, 0x3FD432EEE32FE000n, 0x3FF5EFFFE7B87A89n, 0xBC947EB780ED6904n,
]);
const LOG_T = new Float64Array(LOG_TABLE.buffer);
/** x in [LOG_NEAR_LO, LOG_NEAR_HI): the polynomial near 1. */
const LOG_NEAR_LO = 0.9375;
const LOG_NEAR_HI = 1.064697265625;
const LB0 = -0.5;
const LB1 = 0.3333333333333352;
const LB2 = -0.24999999999998432;
const LB3 = 0.19999999999320328;
const LB4 = -0.16666666669929706;
const LB5 = 0.14285715076560868;
const LB6 = -0.12499997863982555;
const LB7 = 0.11110712032936046;
const LB8 = -0.10000486757818193;
const LB9 = 0.09181994006195467;
const LB10 = -0.08328363062289341;
const LA0 = -0.5000000000000001;
const LA1 = 0.33333333331825593;
const LA2 = -0.2499999999622955;
const LA3 = 0.20000304511814496;
const LA4 = -0.16667054827627667;
/** ln 2 in two parts; k·LOG_LN2_HI + log c is exact (ARM's table condition). */
const LOG_LN2_HI = 0.6931471805598903;
const LOG_LN2_LO = 5.497923018708371e-14;
const TWO27 = 134217728.0;
const TWO52 = 4503599627370496.0;

/** ln x for x in [0.9375, 1.0647): r = x − 1 exact; r − r²/2 in two parts (r split at 2²⁷), plus r³·B(r). */
function logNear1(x: number): number {
  const r = x - 1.0;
  const r2 = r * r;
  const r3 = r2 * r;
  const y = r3 * (((LB1 + r * LB2) + r2 * LB3) + r3 * (((LB4 + r * LB5) + r2 * LB6) + r3 * (((LB7 + r * LB8) + r2 * LB9) + r3 * LB10)));
  let w = r * TWO27;
  const rhi = (r + w) - w;
  const rlo = r - rhi;
  w = (rhi * rhi) * LB0;
  const hi = r + w;
  let lo = (r - hi) + w;
  lo = lo + (LB0 * rlo) * (rhi + r);
  return (y + lo) + hi;
}

/**
 * ln(x·2^dk) for a normal positive finite x. The high word t of bits(x) − bits(0.6875) gives the subinterval
 * (bits 13…19) and k (t >> 20); z = x with its exponent field minus k's, through the scratch.
 */
function logTable(x: number, dk: number): number {
  F64[0] = x;
  const t = (I32[HI]! - 0x3fe60000) | 0;
  const i = ((t >> 13) & 127) << 2;
  const kd = (t >> 20) + dk;
  I32[HI] = I32[HI]! - (t & 0xfff00000);
  const z = F64[0]!;
  const r = ((z - LOG_T[i + 2]!) - LOG_T[i + 3]!) * LOG_T[i]!;
  const w = kd * LOG_LN2_HI + LOG_T[i + 1]!;
  const hi = w + r;
  const lo = ((w - hi) + r) + kd * LOG_LN2_LO;
  const r2 = r * r;
  return ((lo + r2 * LA0) + (r * r2) * ((LA1 + r * LA2) + r2 * (LA3 + r * LA4))) + hi;
}

/** ln x (see src/math.ts): ARM optimized-routines log.c, N = 128, without FMA. */
export function log(x: number): number {
  if (x >= LOG_NEAR_LO && x < LOG_NEAR_HI) return logNear1(x);
  if (!(x >= 2.2250738585072014e-308 && x < Infinity)) return logSpecial(x);
  return logTable(x, 0);
}

/** log of ±0, negatives, NaN, +∞ and subnormals (scaled by 2⁵² first). */
function logSpecial(x: number): number {
  if (!(x > 0)) return x === 0 ? -Infinity : NaN; // ±0, negatives, NaN
  if (x === Infinity) return x;
  return logTable(x * TWO52, -52);
}

/** 2⁻⁵³: below it in magnitude, log(1 + x) rounds to x. */
const LOG1P_TINY = 1.1102230246251565e-16;

/**
 * ln(1 + x) (see src/math.ts). For SQRT_HALF − 1 < x < √2 − 1, f = x exactly; otherwise u = 1 + x is reduced as in
 * log, and c = (x − (u − 1))/u (or (1 − (u − x))/u for k ≥ 2) restores what rounding 1 + x lost (fdlibm s_log1p.c).
 */
export function log1p(x: number): number {
  if (!(x > -1.0)) return x === -1.0 ? -Infinity : NaN;
  if (x === Infinity) return x;
  if (Math.abs(x) < LOG1P_TINY) return x;
  if (x > LOG1P_F_MIN && x < LOG1P_F_MAX) return logReduced(x, 0.0, 0.0);
  const u = 1.0 + x;
  F64[0] = u;
  const hu = I32[HI]! + (0x3ff00000 - SQRT_HALF_HI);
  const k = (hu >> 20) - 0x3ff;
  let c = 0.0;
  if (k < 54) c = (k >= 2 ? 1.0 - (u - x) : x - (u - 1.0)) / u;
  I32[HI] = (hu & 0x000fffff) + SQRT_HALF_HI;
  return logReduced(F64[0]! - 1.0, k, c);
}

/** Taylor coefficients of tanh (2²ⁿ(2²ⁿ − 1)B₂ₙ/(2n)!, Bernoulli B₂ₙ), rounded to doubles: x³ … x³⁷. */
const T3 = -0.3333333333333333;
const T5 = 0.13333333333333333;
const T7 = -0.05396825396825397;
const T9 = 0.021869488536155203;
const T11 = -0.008863235529902197;
const T13 = 0.003592128036572481;
const T15 = -0.0014558343870513183;
const T17 = 0.000590027440945586;
const T19 = -0.00023912911424355248;
const T21 = 9.691537956929451e-05;
const T23 = -3.927832388331683e-05;
const T25 = 1.5918905069328964e-05;
const T27 = -6.451689215655431e-06;
const T29 = 2.6147711512907546e-06;
const T31 = -1.0597268320104654e-06;
const T33 = 4.294911078273806e-07;
const T35 = -1.7406618963571648e-07;
const T37 = 7.054636946400968e-08;
/** 2⁻⁵⁵: below it in magnitude, tanh x rounds to x. */
const TANH_TINY = 2.7755575615628914e-17;

/**
 * tanh x (see src/math.ts). fdlibm s_tanh.c: for |x| ≥ 22, ±1; for 1 ≤ |x| < 22, 1 − 2/(t + 2) with
 * t = expm1(2|x|); for ½ ≤ |x| < 1, t/(t + 2) with the same t (fdlibm: −t/(t + 2) with t = expm1(−2|x|), whose
 * error reaches 2.02 ulps; the positive t propagates less); the sign restored last. Below ½, where the quotient's
 * three roundings come to 2.15 ulps (1.94 up to ½), the Taylor series x + x·(x²·(T3 + x²·(… + x²·T37)))
 * (truncation < 2⁻⁶² relative), within about ½ ulp.
 */
export function tanh(x: number): number {
  const a = Math.abs(x);
  if (!(a < 22.0)) return a === a ? (x > 0 ? 1.0 : -1.0) : x; // |x| ≥ 22 and ±∞; NaN
  if (a < TANH_TINY) return x;
  if (a < 0.5) {
    const w = x * x;
    return x + x * (w * (T3 + w * (T5 + w * (T7 + w * (T9 + w * (T11 + w * (T13 + w * (T15 + w * (T17 + w * (
      T19 + w * (T21 + w * (T23 + w * (T25 + w * (T27 + w * (T29 + w * (T31 + w * (T33 + w * (T35 + w * (T37)))))))))))))))))));
  }
  let z: number;
  if (a >= 1.0) {
    z = 1.0 - 2.0 / (expm1(2.0 * a) + 2.0);
  } else {
    const t = expm1(2.0 * a);
    z = t / (t + 2.0);
  }
  return x > 0 ? z : -z;
}

/**
 * σ(x) = 1/(1 + e⁻ˣ) as the logistic loss computes it: e = exp(−|x|), then 1/(1 + e) for x ≥ 0 and e/(1 + e) below.
 */
export function sigmoid(x: number): number {
  const e = exp(-Math.abs(x));
  return x >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
}

/** softplus(x) = log(1 + eˣ) = max(x, 0) + log1p(exp(−|x|)), as the logistic loss computes it. */
export function softplus(x: number): number {
  return Math.max(x, 0.0) + log1p(exp(-Math.abs(x)));
}
