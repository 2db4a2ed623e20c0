// Elementary functions of our own, so that the WASM core imports nothing and gives the same doubles as the JS
// fallback in every engine: exp, expm1, log, log1p, tanh. Only + − × ÷, comparisons, exact power-of-two scaling
// through the exponent bits, and tables of exact constants (exp's and log's, the same u64 as src/elementary.ts).
// exp and log: ARM optimized-routines' exp.c and log.c (Tang's table-driven methods, N = 128, no division); expm1,
// log1p, tanh: fdlibm 5.3's reductions and minimax polynomials (s_expm1.c, s_log1p.c, s_tanh.c), with
// k = round(x/ln 2) by the 1.5·2⁵² shift. Same constants, branches and operation order as src/js/math.ts (documented
// there and in src/math.ts). The f64x2 forms (expV, logV, log1pV; SIMD build) repeat the scalar operations lane by
// lane, choosing between the scalar's branches with exact bit selects, and hand a vector with a lane outside their
// range (overflow, subnormal, NaN, …) to the scalar function lane by lane: the same double in every lane as the
// scalar function.

const SHIFT: f64 = 6755399441055744.0;
const INV_LN2: f64 = 1.44269504088896338700e+00;
const LN2_HI: f64 = 6.93147180369123816490e-01;
const LN2_LO: f64 = 1.90821492927058770002e-10;

/** 2ᵏ for an integer −1022 ≤ k ≤ 1023. */
// @ts-ignore: decorator
@inline
function pow2(k: i32): f64 {
  return reinterpret<f64>(<i64>(k + 1023) << 52);
}

/** y·2ᵏ for −1075 ≤ k ≤ 1024 with one rounding at most. */
// @ts-ignore: decorator
@inline
function scale(y: f64, k: i32): f64 {
  if (k > 1023) return (y * 2.0) * pow2(1023);
  if (k < -1021) return (y * pow2(k + 1000)) * pow2(-1000);
  return y * pow2(k);
}

// exp: Tang's table-driven method (P. T. P. Tang, ACM TOMS 15(2), 1989) in the form of ARM optimized-routines'
// exp.c (Szabolcs Nagy, 2018; musl src/math/exp.c, exp_data.c, whose table and coefficients these are): N = 128.
const EXP_INV_LN2_N: f64 = 184.6649652337873; // N/ln 2 (0x1.71547652b82fep0·2⁷)
const EXP_NEG_LN2_HI_N: f64 = -0.005415212348111709; // −ln 2/N, high part: 36 bits, so kd·it is exact
const EXP_NEG_LN2_LO_N: f64 = -1.2864023111638346e-14; // −ln 2/N, low part
const C2: f64 = 0.49999999999996786;
const C3: f64 = 0.16666666666665886;
const C4: f64 = 0.0416666808410674;
const C5: f64 = 0.008333335853059549;
/** Inputs in [EXP_FAST_LO, EXP_FAST_HI] take the fast path: 2^⌊k/N⌋ and the result are normal, s·tmp ≥ 2⁻¹⁰¹⁷·|tmp|. */
const EXP_FAST_LO: f64 = -704.0;
const EXP_FAST_HI: f64 = 709.0;
const EXP_OVER: f64 = 7.09782712893383973096e+02;
const EXP_UNDER: f64 = -7.45133219101941108420e+02;
/**
 * For j = 0 … 127, two u64 at 16·j: the bits of tail_j, then of s_j minus j·2⁴⁵, where s_j is 2^(j/128) rounded to
 * nearest and tail_j = (2^(j/128) − s_j)/s_j rounded (checked against decimal.js in test/math/tables.test.ts).
 * Adding kᵢ·2⁴⁵ (kᵢ = 128·k + j) to the second puts k into the exponent field: the bits of s_j·2ᵏ. Same values as
 * src/elementary.ts's EXP_TABLE.
 */
const EXP_TAB: usize = memory.data<u64>([
  0x0000000000000000, 0x3FF0000000000000, 0x3C9B3B4F1A88BF6E, 0x3FEFF63DA9FB3335,
  0xBC7160139CD8DC5D, 0x3FEFEC9A3E778061, 0xBC905E7A108766D1, 0x3FEFE315E86E7F85,
  0x3C8CD2523567F613, 0x3FEFD9B0D3158574, 0xBC8BCE8023F98EFA, 0x3FEFD06B29DDF6DE,
  0x3C60F74E61E6C861, 0x3FEFC74518759BC8, 0x3C90A3E45B33D399, 0x3FEFBE3ECAC6F383,
  0x3C979AA65D837B6D, 0x3FEFB5586CF9890F, 0x3C8EB51A92FDEFFC, 0x3FEFAC922B7247F7,
  0x3C3EBE3D702F9CD1, 0x3FEFA3EC32D3D1A2, 0xBC6A033489906E0B, 0x3FEF9B66AFFED31B,
  0xBC9556522A2FBD0E, 0x3FEF9301D0125B51, 0xBC5080EF8C4EEA55, 0x3FEF8ABDC06C31CC,
  0xBC91C923B9D5F416, 0x3FEF829AAEA92DE0, 0x3C80D3E3E95C55AF, 0x3FEF7A98C8A58E51,
  0xBC801B15EAA59348, 0x3FEF72B83C7D517B, 0xBC8F1FF055DE323D, 0x3FEF6AF9388C8DEA,
  0x3C8B898C3F1353BF, 0x3FEF635BEB6FCB75, 0xBC96D99C7611EB26, 0x3FEF5BE084045CD4,
  0x3C9AECF73E3A2F60, 0x3FEF54873168B9AA, 0xBC8FE782CB86389D, 0x3FEF4D5022FCD91D,
  0x3C8A6F4144A6C38D, 0x3FEF463B88628CD6, 0x3C807A05B0E4047D, 0x3FEF3F49917DDC96,
  0x3C968EFDE3A8A894, 0x3FEF387A6E756238, 0x3C875E18F274487D, 0x3FEF31CE4FB2A63F,
  0x3C80472B981FE7F2, 0x3FEF2B4565E27CDD, 0xBC96B87B3F71085E, 0x3FEF24DFE1F56381,
  0x3C82F7E16D09AB31, 0x3FEF1E9DF51FDEE1, 0xBC3D219B1A6FBFFA, 0x3FEF187FD0DAD990,
  0x3C8B3782720C0AB4, 0x3FEF1285A6E4030B, 0x3C6E149289CECB8F, 0x3FEF0CAFA93E2F56,
  0x3C834D754DB0ABB6, 0x3FEF06FE0A31B715, 0x3C864201E2AC744C, 0x3FEF0170FC4CD831,
  0x3C8FDD395DD3F84A, 0x3FEEFC08B26416FF, 0xBC86A3803B8E5B04, 0x3FEEF6C55F929FF1,
  0xBC924AEDCC4B5068, 0x3FEEF1A7373AA9CB, 0xBC9907F81B512D8E, 0x3FEEECAE6D05D866,
  0xBC71D1E83E9436D2, 0x3FEEE7DB34E59FF7, 0xBC991919B3CE1B15, 0x3FEEE32DC313A8E5,
  0x3C859F48A72A4C6D, 0x3FEEDEA64C123422, 0xBC9312607A28698A, 0x3FEEDA4504AC801C,
  0xBC58A78F4817895B, 0x3FEED60A21F72E2A, 0xBC7C2C9B67499A1B, 0x3FEED1F5D950A897,
  0x3C4363ED60C2AC11, 0x3FEECE086061892D, 0x3C9666093B0664EF, 0x3FEECA41ED1D0057,
  0x3C6ECCE1DAA10379, 0x3FEEC6A2B5C13CD0, 0x3C93FF8E3F0F1230, 0x3FEEC32AF0D7D3DE,
  0x3C7690CEBB7AAFB0, 0x3FEEBFDAD5362A27, 0x3C931DBDEB54E077, 0x3FEEBCB299FDDD0D,
  0xBC8F94340071A38E, 0x3FEEB9B2769D2CA7, 0xBC87DECCDC93A349, 0x3FEEB6DAA2CF6642,
  0xBC78DEC6BD0F385F, 0x3FEEB42B569D4F82, 0xBC861246EC7B5CF6, 0x3FEEB1A4CA5D920F,
  0x3C93350518FDD78E, 0x3FEEAF4736B527DA, 0x3C7B98B72F8A9B05, 0x3FEEAD12D497C7FD,
  0x3C9063E1E21C5409, 0x3FEEAB07DD485429, 0x3C34C7855019C6EA, 0x3FEEA9268A5946B7,
  0x3C9432E62B64C035, 0x3FEEA76F15AD2148, 0xBC8CE44A6199769F, 0x3FEEA5E1B976DC09,
  0xBC8C33C53BEF4DA8, 0x3FEEA47EB03A5585, 0xBC845378892BE9AE, 0x3FEEA34634CCC320,
  0xBC93CEDD78565858, 0x3FEEA23882552225, 0x3C5710AA807E1964, 0x3FEEA155D44CA973,
  0xBC93B3EFBF5E2228, 0x3FEEA09E667F3BCD, 0xBC6A12AD8734B982, 0x3FEEA012750BDABF,
  0xBC6367EFB86DA9EE, 0x3FEE9FB23C651A2F, 0xBC80DC3D54E08851, 0x3FEE9F7DF9519484,
  0xBC781F647E5A3ECF, 0x3FEE9F75E8EC5F74, 0xBC86EE4AC08B7DB0, 0x3FEE9F9A48A58174,
  0xBC8619321E55E68A, 0x3FEE9FEB564267C9, 0x3C909CCB5E09D4D3, 0x3FEEA0694FDE5D3F,
  0xBC7B32DCB94DA51D, 0x3FEEA11473EB0187, 0x3C94ECFD5467C06B, 0x3FEEA1ED0130C132,
  0x3C65EBE1ABD66C55, 0x3FEEA2F336CF4E62, 0xBC88A1C52FB3CF42, 0x3FEEA427543E1A12,
  0xBC9369B6F13B3734, 0x3FEEA589994CCE13, 0xBC805E843A19FF1E, 0x3FEEA71A4623C7AD,
  0xBC94D450D872576E, 0x3FEEA8D99B4492ED, 0x3C90AD675B0E8A00, 0x3FEEAAC7D98A6699,
  0x3C8DB72FC1F0EAB4, 0x3FEEACE5422AA0DB, 0xBC65B6609CC5E7FF, 0x3FEEAF3216B5448C,
  0x3C7BF68359F35F44, 0x3FEEB1AE99157736, 0xBC93091FA71E3D83, 0x3FEEB45B0B91FFC6,
  0xBC5DA9B88B6C1E29, 0x3FEEB737B0CDC5E5, 0xBC6C23F97C90B959, 0x3FEEBA44CBC8520F,
  0xBC92434322F4F9AA, 0x3FEEBD829FDE4E50, 0xBC85CA6CD7668E4B, 0x3FEEC0F170CA07BA,
  0x3C71AFFC2B91CE27, 0x3FEEC49182A3F090, 0x3C6DD235E10A73BB, 0x3FEEC86319E32323,
  0xBC87C50422622263, 0x3FEECC667B5DE565, 0x3C8B1C86E3E231D5, 0x3FEED09BEC4A2D33,
  0xBC91BBD1D3BCBB15, 0x3FEED503B23E255D, 0x3C90CC319CEE31D2, 0x3FEED99E1330B358,
  0x3C8469846E735AB3, 0x3FEEDE6B5579FDBF, 0xBC82DFCD978E9DB4, 0x3FEEE36BBFD3F37A,
  0x3C8C1A7792CB3387, 0x3FEEE89F995AD3AD, 0xBC907B8F4AD1D9FA, 0x3FEEEE07298DB666,
  0xBC55C3D956DCAEBA, 0x3FEEF3A2B84F15FB, 0xBC90A40E3DA6F640, 0x3FEEF9728DE5593A,
  0xBC68D6F438AD9334, 0x3FEEFF76F2FB5E47, 0xBC91EEE26B588A35, 0x3FEF05B030A1064A,
  0x3C74FFD70A5FDDCD, 0x3FEF0C1E904BC1D2, 0xBC91BDFBFA9298AC, 0x3FEF12C25BD71E09,
  0x3C736EAE30AF0CB3, 0x3FEF199BDD85529C, 0x3C8EE3325C9FFD94, 0x3FEF20AB5FFFD07A,
  0x3C84E08FD10959AC, 0x3FEF27F12E57D14B, 0x3C63CDAF384E1A67, 0x3FEF2F6D9406E7B5,
  0x3C676B2C6C921968, 0x3FEF3720DCEF9069, 0xBC808A1883CCB5D2, 0x3FEF3F0B555DC3FA,
  0xBC8FAD5D3FFFFA6F, 0x3FEF472D4A07897C, 0xBC900DAE3875A949, 0x3FEF4F87080D89F2,
  0x3C74A385A63D07A7, 0x3FEF5818DCFBA487, 0xBC82919E2040220F, 0x3FEF60E316C98398,
  0x3C8E5A50D5C192AC, 0x3FEF69E603DB3285, 0x3C843A59AC016B4B, 0x3FEF7321F301B460,
  0xBC82D52107B43E1F, 0x3FEF7C97337B9B5F, 0xBC892AB93B470DC9, 0x3FEF864614F5A129,
  0x3C74B604603A88D3, 0x3FEF902EE78B3FF6, 0x3C83C5EC519D7271, 0x3FEF9A51FBC74C83,
  0xBC8FF7128FD391F0, 0x3FEFA4AFA2A490DA, 0xBC8DAE98E223747D, 0x3FEFAF482D8E67F1,
  0x3C8EC3BC41AA2008, 0x3FEFBA1BEE615A27, 0x3C842B94C3A9EB32, 0x3FEFC52B376BBA97,
  0x3C8A64A931D185EE, 0x3FEFD0765B6E4540, 0xBC8E37BAE43BE3ED, 0x3FEFDBFDAD9CBE14,
  0x3C77893B4D91CD9D, 0x3FEFE7C1819E90D8, 0x3C5305C14160CC89, 0x3FEFF3C22B8F71F1,
], 16);

/**
 * tmp with 2^(j/N)·(1 + tmp) = e^(x − ⌊k/N⌋·ln 2) for the kᵢ = round(x·N/ln 2) whose bits T carries (T = x·N/ln 2 +
 * 1.5·2⁵²): r = (x − kd·ln2hi/N) − kd·ln2lo/N with |r| ≤ ln 2/256, tmp = ((tail + r) + r²·(C2 + r·C3)) + r⁴·(C4 + r·C5).
 */
// @ts-ignore: decorator
@inline
function expTmp(x: f64, T: f64, e: usize): f64 {
  const kd = T - SHIFT;
  const r = (x + kd * EXP_NEG_LN2_HI_N) + kd * EXP_NEG_LN2_LO_N;
  const r2 = r * r;
  return ((load<f64>(e) + r) + r2 * (C2 + r * C3)) + (r2 * r2) * (C4 + r * C5);
}

/**
 * eˣ (Tang's table-driven exp after ARM optimized-routines / musl exp.c, N = 128; src/js/math.ts: exp): x = (k + j/N)·ln 2
 * + r, eˣ = 2ᵏ·s_j·(1 + tmp), returned as s + s·tmp with s = s_j·2ᵏ.
 */
export function exp(x: f64): f64 {
  if (!(x >= EXP_FAST_LO && x <= EXP_FAST_HI)) return expSlow(x);
  const T = x * EXP_INV_LN2_N + SHIFT;
  const ki = reinterpret<i64>(T);
  const e = EXP_TAB + ((<usize>ki & 127) << 4);
  const tmp = expTmp(x, T, e);
  const s = reinterpret<f64>(load<i64>(e, 8) + (ki << 45));
  return s + s * tmp;
}

/** exp outside [−704, 709]: the specials, overflow and underflow, and s scaled so that only the last product rounds. */
// @ts-ignore: decorator
@inline
function expSlowBody(x: f64): f64 {
  if (!(x <= EXP_OVER)) return x > 0 ? Infinity : x;
  if (x < EXP_UNDER) return 0.0;
  const T = x * EXP_INV_LN2_N + SHIFT;
  const ki = <i32>(T - SHIFT);
  const j = ki & 127;
  const k = ki >> 7;
  const e = EXP_TAB + (<usize>j << 4);
  const tmp = expTmp(x, T, e);
  const sj = reinterpret<f64>(load<i64>(e, 8) + (<i64>j << 45));
  if (k > 0) {
    const s = sj * pow2(k - 1);
    return (s + s * tmp) * 2.0;
  }
  const s = sj * pow2(k + 1000);
  return (s + s * tmp) * pow2(-1000);
}
function expSlow(x: f64): f64 {
  return expSlowBody(x);
}

const Q1: f64 = -3.33333333333331316428e-02;
const Q2: f64 = 1.58730158725481460165e-03;
const Q3: f64 = -7.93650757867487942473e-05;
const Q4: f64 = 4.00821782732936239552e-06;
const Q5: f64 = -2.01099218183624371326e-07;
const EXPM1_MINUS_ONE: f64 = -3.88162421113569373274e+01;
const EXPM1_TINY: f64 = 5.55111512312578270212e-17;

/** eˣ − 1 (fdlibm s_expm1.c; src/js/math.ts: expm1). */
export function expm1(x: f64): f64 {
  if (!(x <= EXP_OVER)) return x > 0 ? Infinity : x;
  if (x < EXPM1_MINUS_ONE) return -1.0;
  if (Math.abs(x) < EXPM1_TINY) return x;
  const kf = (x * INV_LN2 + SHIFT) - SHIFT;
  const k = <i32>kf;
  const hi = x - kf * LN2_HI;
  const lo = kf * LN2_LO;
  const r = hi - lo;
  const c = (hi - r) - lo;
  const hfx = 0.5 * r;
  const hxs = r * hfx;
  const r1 = 1.0 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
  const t = 3.0 - r1 * hfx;
  let e = hxs * ((r1 - t) / (6.0 - r * t));
  if (k == 0) return r - (r * e - hxs);
  e = (r * (e - c) - c) - hxs;
  if (k == -1) return 0.5 * (r - e) - 0.5;
  if (k == 1) return r < -0.25 ? -2.0 * (e - (r + 0.5)) : 1.0 + 2.0 * (r - e);
  if (k <= -2 || k > 56) return scale(1.0 - (e - r), k) - 1.0;
  if (k < 20) return (1.0 - pow2(-k) - (e - r)) * pow2(k);
  return ((r - (e + pow2(-k))) + 1.0) * pow2(k);
}

const LG1: f64 = 6.666666666666735130e-01;
const LG2: f64 = 3.999999999940941908e-01;
const LG3: f64 = 2.857142874366239149e-01;
const LG4: f64 = 2.222219843214978396e-01;
const LG5: f64 = 1.818357216161805012e-01;
const LG6: f64 = 1.531383769920937332e-01;
const LG7: f64 = 1.479819860511658591e-01;
const MIN_NORMAL: f64 = 2.2250738585072014e-308;
const SQRT_HALF_HI: i32 = 0x3fe6a09e;
const LOG1P_F_MIN: f64 = -0.2928932188134524;
const LOG1P_F_MAX: f64 = 0.41421356237309503;
const LOG1P_TINY: f64 = 1.1102230246251565e-16;

// @ts-ignore: decorator
@inline
function logReduced(f: f64, dk: f64, c: f64): f64 {
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
// coefficients these are), the form without FMA: x = 2ᵏ·z with z in [0.6875, 1.375) split into N = 128
// subintervals by the bits, log x = k·ln 2 + log c + log1p(r), r = (z − c)/c; near 1 a degree-11 polynomial.
/**
 * For i = 0 … 127, four u64 at 32·i: 1/c, log c (rounded), c in two parts chi + clo, for c near the middle of the
 * i-th subinterval, chosen (by ARM) so that k·ln2hi + log c is exact and log c has an error < 2⁻⁶⁶ (checked against
 * decimal.js in test/math/tables.test.ts). Same values as src/elementary.ts's LOG_TABLE.
 */
const LOG_TAB: usize = memory.data<u64>([
  0x3FF734F0C3E0DE9F, 0xBFD7CC7F79E69000, 0x3FE61000014FB66B, 0x3C7E026C91425B3C,
  0x3FF713786A2CE91F, 0xBFD76FEEC20D0000, 0x3FE63000034DB495, 0x3C8DBFEA48005D41,
  0x3FF6F26008FAB5A0, 0xBFD713E31351E000, 0x3FE650000D94D478, 0x3C8E7FA786D6A5B7,
  0x3FF6D1A61F138C7D, 0xBFD6B85B38287800, 0x3FE67000074E6FAD, 0x3C61FCEA6B54254C,
  0x3FF6B1490BC5B4D1, 0xBFD65D5590807800, 0x3FE68FFFFEDF0FAE, 0xBC7C7E274C590EFD,
  0x3FF69147332F0CBA, 0xBFD602D076180000, 0x3FE6B0000763C5BC, 0xBC8AC16848DCDA01,
  0x3FF6719F18224223, 0xBFD5A8CA86909000, 0x3FE6D0001E5CC1F6, 0x3C833F1C9D499311,
  0x3FF6524F99A51ED9, 0xBFD54F4356035000, 0x3FE6EFFFEB05F63E, 0xBC7E80041AE22D53,
  0x3FF63356AA8F24C4, 0xBFD4F637C36B4000, 0x3FE710000E869780, 0x3C7BFF6671097952,
  0x3FF614B36B9DDC14, 0xBFD49DA7FDA85000, 0x3FE72FFFFC67E912, 0x3C8C00E226BD8724,
  0x3FF5F66452C65C4C, 0xBFD445923989A800, 0x3FE74FFFDF81116A, 0xBC6E02916EF101D2,
  0x3FF5D867B5912C4F, 0xBFD3EDF439B0B800, 0x3FE770000F679C90, 0xBC67FC71CD549C74,
  0x3FF5BABCCB5B90DE, 0xBFD396CE448F7000, 0x3FE78FFFFA7EC835, 0x3C81BEC19EF50483,
  0x3FF59D61F2D91A78, 0xBFD3401E17BDA000, 0x3FE7AFFFFE20C2E6, 0xBC707E1729CC6465,
  0x3FF5805612465687, 0xBFD2E9E2EF468000, 0x3FE7CFFFED3FC900, 0xBC808072087B8B1C,
  0x3FF56397CEE76BD3, 0xBFD2941B3830E000, 0x3FE7EFFFE9261A76, 0x3C8DC0286D9DF9AE,
  0x3FF54725E2A77F93, 0xBFD23EC58CDA8800, 0x3FE81000049CA3E8, 0x3C897FD251E54C33,
  0x3FF52AFF42064583, 0xBFD1E9E129279000, 0x3FE8300017932C8F, 0xBC8AFEE9B630F381,
  0x3FF50F22DBB2BDDF, 0xBFD1956D2B48F800, 0x3FE850000633739C, 0x3C89BFBF6B6535BC,
  0x3FF4F38F4734DED7, 0xBFD141679AB9F800, 0x3FE87000204289C6, 0xBC8BBF65F3117B75,
  0x3FF4D843CFDE2840, 0xBFD0EDD094EF9800, 0x3FE88FFFEBF57904, 0xBC89006EA23DCB57,
  0x3FF4BD3EC078A3C8, 0xBFD09AA518DB1000, 0x3FE8B00022BC04DF, 0xBC7D00DF38E04B0A,
  0x3FF4A27FC3E0258A, 0xBFD047E65263B800, 0x3FE8CFFFE50C1B8A, 0xBC88007146FF9F05,
  0x3FF4880524D48434, 0xBFCFEB224586F000, 0x3FE8EFFFFC918E43, 0x3C83817BD07A7038,
  0x3FF46DCE1B192D0B, 0xBFCF474A7517B000, 0x3FE910001EFA5FC7, 0x3C893E9176DFB403,
  0x3FF453D9D3391854, 0xBFCEA4443D103000, 0x3FE9300013467BB9, 0x3C7F804E4B980276,
  0x3FF43A2744B4845A, 0xBFCE020D44E9B000, 0x3FE94FFFE6EE076F, 0xBC8F7EF0D9FF622E,
  0x3FF420B54115F8FB, 0xBFCD60A22977F000, 0x3FE96FFFDE3C12D1, 0xBC7082AA962638BA,
  0x3FF40782DA3EF4B1, 0xBFCCC00104959000, 0x3FE98FFFF4458A0D, 0xBC87801B9164A8EF,
  0x3FF3EE8F5D57FE8F, 0xBFCC202956891000, 0x3FE9AFFFDD982E3E, 0xBC8740E08A5A9337,
  0x3FF3D5D9A00B4CE9, 0xBFCB81178D811000, 0x3FE9CFFFED49FB66, 0x3C3FCE08C19BE000,
  0x3FF3BD60C010C12B, 0xBFCAE2C9CCD3D000, 0x3FE9F00020F19C51, 0xBC8A3FAA27885B0A,
  0x3FF3A5242B75DAB8, 0xBFCA45402E129000, 0x3FEA10001145B006, 0x3C74FF489958DA56,
  0x3FF38D22CD9FD002, 0xBFC9A877681DF000, 0x3FEA300007BBF6FA, 0x3C8CBEAB8A2B6D18,
  0x3FF3755BC5847A1C, 0xBFC90C6D69483000, 0x3FEA500010971D79, 0x3C88FECADD787930,
  0x3FF35DCE49AD36E2, 0xBFC87120A645C000, 0x3FEA70001DF52E48, 0xBC8F41763DD8ABDB,
  0x3FF34679984DD440, 0xBFC7D68FB4143000, 0x3FEA90001C593352, 0xBC8EBF0284C27612,
  0x3FF32F5CCEFFCB24, 0xBFC73CB83C627000, 0x3FEAB0002A4F3E4B, 0xBC69FD043CFF3F5F,
  0x3FF3187775A10D49, 0xBFC6A39A9B376000, 0x3FEACFFFD7AE1ED1, 0xBC823EE7129070B4,
  0x3FF301C8373E3990, 0xBFC60B3154B7A000, 0x3FEAEFFFEE510478, 0x3C6A063EE00EDEA3,
  0x3FF2EB4EBB95F841, 0xBFC5737D76243000, 0x3FEB0FFFDB650D5B, 0x3C5A06C8381F0AB9,
  0x3FF2D50A0219A9D1, 0xBFC4DC7B8FC23000, 0x3FEB2FFFFEAACA57, 0xBC79011E74233C1D,
  0x3FF2BEF9A8B7FD2A, 0xBFC4462C51D20000, 0x3FEB4FFFD995BADC, 0xBC79FF1068862A9F,
  0x3FF2A91C7A0C1BAB, 0xBFC3B08ABC830000, 0x3FEB7000249E659C, 0x3C8AFF45D0864F3E,
  0x3FF293726014B530, 0xBFC31B996B490000, 0x3FEB8FFFF9871640, 0x3C7CFE7796C2C3F9,
  0x3FF27DFA5757A1F5, 0xBFC2875490A44000, 0x3FEBAFFFD204CB4F, 0xBC63FF27EEF22BC4,
  0x3FF268B39B1D3BBF, 0xBFC1F3B9F879A000, 0x3FEBCFFFD2415C45, 0xBC6CFFB7EE3BEA21,
  0x3FF2539D838FF5BD, 0xBFC160C8252CA000, 0x3FEBEFFFF86309DF, 0xBC814103972E0B5C,
  0x3FF23EB7AAC9083B, 0xBFC0CE7F57F72000, 0x3FEC0FFFE1B57653, 0x3C8BC16494B76A19,
  0x3FF22A012BA940B6, 0xBFC03CDC49FEA000, 0x3FEC2FFFF1FA57E3, 0xBC64FEEF8D30C6ED,
  0x3FF2157996CC4132, 0xBFBF57BDBC4B8000, 0x3FEC4FFFDCBFE424, 0xBC843F68BCEC4775,
  0x3FF201201DD2FC9B, 0xBFBE370896404000, 0x3FEC6FFFED54B9F7, 0x3C847EA3F053E0EC,
  0x3FF1ECF4494D480B, 0xBFBD17983EF94000, 0x3FEC8FFFEB998FD5, 0x3C7383068DF992F1,
  0x3FF1D8F5528F6569, 0xBFBBF9674ED8A000, 0x3FECB0002125219A, 0xBC68FD8E64180E04,
  0x3FF1C52311577E7C, 0xBFBADC79202F6000, 0x3FECCFFFDD94469C, 0x3C8E7EBE1CC7EA72,
  0x3FF1B17C74CB26E9, 0xBFB9C0C3E7288000, 0x3FECEFFFEAFDC476, 0x3C8EBE39AD9F88FE,
  0x3FF19E010C2C1AB6, 0xBFB8A646B372C000, 0x3FED1000169AF82B, 0x3C757D91A8B95A71,
  0x3FF18AB07BB670BD, 0xBFB78D01B3AC0000, 0x3FED30000D0FF71D, 0x3C89C1906970C7DA,
  0x3FF1778A25EFBCB6, 0xBFB674F145380000, 0x3FED4FFFEA790FC4, 0xBC580E37C558FE0C,
  0x3FF1648D354C31DA, 0xBFB55E0E6D878000, 0x3FED70002EDC87E5, 0xBC7F80D64DC10F44,
  0x3FF151B990275FDD, 0xBFB4485CDEA1E000, 0x3FED900021DC82AA, 0xBC747C8F94FD5C5C,
  0x3FF13F0EA432D24C, 0xBFB333D94D6AA000, 0x3FEDAFFFD86B0283, 0x3C8C7F1DC521617E,
  0x3FF12C8B7210F9DA, 0xBFB22079F8C56000, 0x3FEDD000296C4739, 0x3C88019EB2FFB153,
  0x3FF11A3028ECB531, 0xBFB10E4698622000, 0x3FEDEFFFE54490F5, 0x3C6E00D2C652CC89,
  0x3FF107FBDA8434AF, 0xBFAFFA6C6AD20000, 0x3FEE0FFFCDABF694, 0xBC7F8340202D69D2,
  0x3FF0F5EE0F4E6BB3, 0xBFADDA8D4A774000, 0x3FEE2FFFDB52C8DD, 0x3C7B00C1CA1B0864,
  0x3FF0E4065D2A9FCE, 0xBFABBCECE4850000, 0x3FEE4FFFF24216EF, 0x3C72FFA8B094AB51,
  0x3FF0D244632CA521, 0xBFA9A1894012C000, 0x3FEE6FFFE88A5E11, 0xBC57F673B1EFBE59,
  0x3FF0C0A77CE2981A, 0xBFA788583302C000, 0x3FEE9000119EFF0D, 0xBC84808D5E0BC801,
  0x3FF0AF2F83C636D1, 0xBFA5715E67D68000, 0x3FEEAFFFDFA51744, 0x3C780006D54320B5,
  0x3FF09DDB98A01339, 0xBFA35C8A49658000, 0x3FEED0001A127FA1, 0xBC5002F860565C92,
  0x3FF08CABAF52E7DF, 0xBFA149E364154000, 0x3FEEF00007BABCC4, 0xBC8540445D35E611,
  0x3FF07B9F2F4E28FB, 0xBF9E72C082EB8000, 0x3FEF0FFFF57A8D02, 0xBC4FFB3139EF9105,
  0x3FF06AB58C358F19, 0xBF9A55F152528000, 0x3FEF30001EE58AC7, 0x3C8A81ACF2731155,
  0x3FF059EEA5ECF92C, 0xBF963D62CF818000, 0x3FEF4FFFF5823494, 0x3C8A3F41D4D7C743,
  0x3FF04949CDD12C90, 0xBF9228FB8CAA0000, 0x3FEF6FFFFCA94C6B, 0xBC6202F41C987875,
  0x3FF038C6C6F0ADA9, 0xBF8C317B20F90000, 0x3FEF8FFFE1F9C441, 0x3C777DD1F477E74B,
  0x3FF02865137932A9, 0xBF8419355DAA0000, 0x3FEFAFFFD2E0E37E, 0xBC6F01199A7CA331,
  0x3FF0182427EA7348, 0xBF781203C2EC0000, 0x3FEFD0001C77E49E, 0x3C7181EE4BCEACB1,
  0x3FF008040614B195, 0xBF60040979240000, 0x3FEFEFFFF7E0C331, 0xBC6E05370170875A,
  0x3FEFE01FF726FA1A, 0x3F6FEFF384900000, 0x3FF00FFFF465606E, 0xBC8A7EAD491C0ADA,
  0x3FEFA11CC261EA74, 0x3F87DC41353D0000, 0x3FF02FFFF3867A58, 0xBC977F69C3FCB2E0,
  0x3FEF6310B081992E, 0x3F93CEA3C4C28000, 0x3FF04FFFFDFC0D17, 0x3C97BFFE34CB945B,
  0x3FEF25F63CEEADCD, 0x3F9B9FC114890000, 0x3FF0700003CD4D82, 0x3C820083C0E456CB,
  0x3FEEE9C8039113E7, 0x3FA1B0D8CE110000, 0x3FF08FFFF9F2CBE8, 0xBC6DFFDFBE37751A,
  0x3FEEAE8078CBB1AB, 0x3FA58A5BD001C000, 0x3FF0B000010CDA65, 0xBC913F7FAEE626EB,
  0x3FEE741AA29D0C9B, 0x3FA95C8340D88000, 0x3FF0D00001A4D338, 0x3C807DFA79489FF7,
  0x3FEE3A91830A99B5, 0x3FAD276AEF578000, 0x3FF0EFFFFADAFDFD, 0xBC77040570D66BC0,
  0x3FEE01E009609A56, 0x3FB07598E598C000, 0x3FF110000BBAFD96, 0x3C8E80D4846D0B62,
  0x3FEDCA01E577BB98, 0x3FB253F5E30D2000, 0x3FF12FFFFAE5F45D, 0x3C9DBFFA64FD36EF,
  0x3FED92F20B7C9103, 0x3FB42EDD8B380000, 0x3FF150000DD59AD9, 0x3C9A0077701250AE,
  0x3FED5CAC66FB5CCE, 0x3FB606598757C000, 0x3FF170000F21559A, 0x3C8DFDF9E2E3DEEE,
  0x3FED272CAA5EDE9D, 0x3FB7DA76356A0000, 0x3FF18FFFFC275426, 0x3C910030DC3B7273,
  0x3FECF26E3E6B2CCD, 0x3FB9AB434E1C6000, 0x3FF1B000123D3C59, 0x3C997F7980030188,
  0x3FECBE6DA2A77902, 0x3FBB78C7BB0D6000, 0x3FF1CFFFF8299EB7, 0xBC65F932AB9F8C67,
  0x3FEC8B266D37086D, 0x3FBD431332E72000, 0x3FF1EFFFF48AD400, 0x3C937FBF9DA75BEB,
  0x3FEC5894BD5D5804, 0x3FBF0A3171DE6000, 0x3FF210000C8B86A4, 0x3C9F806B91FD5B22,
  0x3FEC26B533BB9F8C, 0x3FC067152B914000, 0x3FF2300003854303, 0x3C93FFC2EB9FBF33,
  0x3FEBF583EEECE73F, 0x3FC147858292B000, 0x3FF24FFFFFBCF684, 0x3C7601E77E2E2E72,
  0x3FEBC4FD75DB96C1, 0x3FC2266ECDCA3000, 0x3FF26FFFF52921D9, 0x3C7FFCBB767F0C61,
  0x3FEB951E0C864A28, 0x3FC303D7A6C55000, 0x3FF2900014933A3C, 0xBC7202CA3C02412B,
  0x3FEB65E2C5EF3E2C, 0x3FC3DFC33C331000, 0x3FF2B00014556313, 0xBC92808233F21F02,
  0x3FEB374867C9888B, 0x3FC4BA366B7A8000, 0x3FF2CFFFEBFE523B, 0xBC88FF7E384FDCF2,
  0x3FEB094B211D304A, 0x3FC5933928D1F000, 0x3FF2F0000BB8AD96, 0xBC85FF51503041C5,
  0x3FEADBE885F2EF7E, 0x3FC66ACD2418F000, 0x3FF30FFFFB7AE2AF, 0xBC810071885E289D,
  0x3FEAAF1D31603DA2, 0x3FC740F8EC669000, 0x3FF32FFFFEAC5F7F, 0xBC91FF5D3FB7B715,
  0x3FEA82E63FD358A7, 0x3FC815C0F51AF000, 0x3FF350000CA66756, 0x3C957F82228B82BD,
  0x3FEA5740EF09738B, 0x3FC8E92954F68000, 0x3FF3700011FBF721, 0x3C8000BAC40DD5CC,
  0x3FEA2C2A90AB4B27, 0x3FC9BB3602F84000, 0x3FF38FFFF9592FB9, 0xBC943F9D2DB2A751,
  0x3FEA01A01393F2D1, 0x3FCA8BED1C2C0000, 0x3FF3B00004DDD242, 0x3C857F6B707638E1,
  0x3FE9D79F24DB3C1B, 0x3FCB5B515C01D000, 0x3FF3CFFFF5B2C957, 0x3C7A023A10BF1231,
  0x3FE9AE2505C7B190, 0x3FCC2967CCBCC000, 0x3FF3EFFFEAB0B418, 0x3C987F6D66B152B0,
  0x3FE9852EF297CE2F, 0x3FCCF635D5486000, 0x3FF410001532AFF4, 0x3C67F8375F198524,
  0x3FE95CBAEEA44B75, 0x3FCDC1BD3446C000, 0x3FF4300017478B29, 0x3C8301E672DC5143,
  0x3FE934C69DE74838, 0x3FCE8C01B8CFE000, 0x3FF44FFFE795B463, 0x3C89FF69B8B2895A,
  0x3FE90D4F2F6752E6, 0x3FCF5509C0179000, 0x3FF46FFFE80475E0, 0xBC95C0B19BC2F254,
  0x3FE8E6528EFFD79D, 0x3FD00E6C121FB800, 0x3FF48FFFEF6FC1E7, 0x3C9B4009F23A2A72,
  0x3FE8BFCE9FCC007C, 0x3FD071B80E93D000, 0x3FF4AFFFE5BEA704, 0xBC94FFB7BF0D7D45,
  0x3FE899C0DABEC30E, 0x3FD0D46B9E867000, 0x3FF4D000171027DE, 0xBC99C06471DC6A3D,
  0x3FE87427AA2317FB, 0x3FD13687334BD000, 0x3FF4F0000FF03EE2, 0x3C977F890B85531C,
  0x3FE84F00ACB39A08, 0x3FD1980D67234800, 0x3FF5100012DC4BD1, 0x3C6004657166A436,
  0x3FE82A49E8653E55, 0x3FD1F8FFE0CC8000, 0x3FF530001605277A, 0xBC96BFCECE233209,
  0x3FE8060195F40260, 0x3FD2595FD7636800, 0x3FF54FFFECDB704C, 0xBC8902720505A1D7,
  0x3FE7E22563E0A329, 0x3FD2B9300914A800, 0x3FF56FFFEF5F54A9, 0x3C9BBFE60EC96412,
  0x3FE7BEB377DCB5AD, 0x3FD3187210436000, 0x3FF5900017E61012, 0x3C887EC581AFEF90,
  0x3FE79BAA679725C2, 0x3FD377266DEC1800, 0x3FF5B00003C93E92, 0xBC9F41080ABF0CC0,
  0x3FE77907F2170657, 0x3FD3D54FFBAF3000, 0x3FF5D0001D4919BC, 0xBC98812AFB254729,
  0x3FE756CADBD6130C, 0x3FD432EEE32FE000, 0x3FF5EFFFE7B87A89, 0xBC947EB780ED6904,
], 16);
const LOG_NEAR_LO: f64 = 0.9375; // x in [LOG_NEAR_LO, LOG_NEAR_HI): the polynomial near 1
const LOG_NEAR_HI: f64 = 1.064697265625;
const LB0: f64 = -0.5;
const LB1: f64 = 0.3333333333333352;
const LB2: f64 = -0.24999999999998432;
const LB3: f64 = 0.19999999999320328;
const LB4: f64 = -0.16666666669929706;
const LB5: f64 = 0.14285715076560868;
const LB6: f64 = -0.12499997863982555;
const LB7: f64 = 0.11110712032936046;
const LB8: f64 = -0.10000486757818193;
const LB9: f64 = 0.09181994006195467;
const LB10: f64 = -0.08328363062289341;
const LA0: f64 = -0.5000000000000001;
const LA1: f64 = 0.33333333331825593;
const LA2: f64 = -0.2499999999622955;
const LA3: f64 = 0.20000304511814496;
const LA4: f64 = -0.16667054827627667;
const LOG_LN2_HI: f64 = 0.6931471805598903; // ln 2, high part: k·it + log c is exact (ARM's table condition)
const LOG_LN2_LO: f64 = 5.497923018708371e-14;
const TWO27: f64 = 134217728.0;
const TWO52: f64 = 4503599627370496.0;
const LOG_OFF: i64 = 0x3FE6000000000000;

/** ln x for x in [0.9375, 1.0647): r = x − 1 exact; r − r²/2 in two parts (r split at 2²⁷), plus r³·B(r). */
// @ts-ignore: decorator
@inline
function logNear1(x: f64): f64 {
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

/** ln(x·2^dk) for a normal positive finite x, by the table (ARM log.c without FMA). */
// @ts-ignore: decorator
@inline
function logTable(x: f64, dk: i32): f64 {
  const ix = reinterpret<i64>(x);
  const tmp = ix - LOG_OFF;
  const e = LOG_TAB + (<usize>(<i32>(tmp >> 45) & 127) << 5);
  const kd = <f64>(<i32>(tmp >> 52) + dk);
  const z = reinterpret<f64>(ix - (tmp & 0xFFF0000000000000));
  const r = ((z - load<f64>(e, 16)) - load<f64>(e, 24)) * load<f64>(e);
  const w = kd * LOG_LN2_HI + load<f64>(e, 8);
  const hi = w + r;
  const lo = ((w - hi) + r) + kd * LOG_LN2_LO;
  const r2 = r * r;
  return ((lo + r2 * LA0) + (r * r2) * ((LA1 + r * LA2) + r2 * (LA3 + r * LA4))) + hi;
}

/** ln x (ARM optimized-routines log.c, N = 128, without FMA; src/js/math.ts: log). */
export function log(x: f64): f64 {
  if (x >= LOG_NEAR_LO && x < LOG_NEAR_HI) return logNear1(x);
  if (!(x >= MIN_NORMAL && x < Infinity)) return logSpecial(x);
  return logTable(x, 0);
}

/** log of ±0, negatives, NaN, +∞ and subnormals (scaled by 2⁵² first). */
function logSpecial(x: f64): f64 {
  if (!(x > 0)) return x == 0 ? -Infinity : NaN;
  if (x == Infinity) return x;
  return logTable(x * TWO52, -52);
}

/** ln(1 + x) (fdlibm s_log1p.c; src/js/math.ts: log1p). */
export function log1p(x: f64): f64 {
  if (!(x > -1.0)) return x == -1.0 ? -Infinity : NaN;
  if (x == Infinity) return x;
  if (Math.abs(x) < LOG1P_TINY) return x;
  if (x > LOG1P_F_MIN && x < LOG1P_F_MAX) return logReduced(x, 0.0, 0.0);
  const u = 1.0 + x;
  const bits = reinterpret<i64>(u);
  const hu = <i32>(bits >> 32) + (0x3ff00000 - SQRT_HALF_HI);
  const k = (hu >> 20) - 0x3ff;
  let c = 0.0;
  if (k < 54) c = (k >= 2 ? 1.0 - (u - x) : x - (u - 1.0)) / u;
  const f = reinterpret<f64>((<i64>((hu & 0x000fffff) + SQRT_HALF_HI) << 32) | (bits & 0xffffffff)) - 1.0;
  return logReduced(f, <f64>k, c);
}

// Taylor coefficients of tanh for |x| < 1/2 (src/js/math.ts).
const T3: f64 = -0.3333333333333333;
const T5: f64 = 0.13333333333333333;
const T7: f64 = -0.05396825396825397;
const T9: f64 = 0.021869488536155203;
const T11: f64 = -0.008863235529902197;
const T13: f64 = 0.003592128036572481;
const T15: f64 = -0.0014558343870513183;
const T17: f64 = 0.000590027440945586;
const T19: f64 = -0.00023912911424355248;
const T21: f64 = 9.691537956929451e-05;
const T23: f64 = -3.927832388331683e-05;
const T25: f64 = 1.5918905069328964e-05;
const T27: f64 = -6.451689215655431e-06;
const T29: f64 = 2.6147711512907546e-06;
const T31: f64 = -1.0597268320104654e-06;
const T33: f64 = 4.294911078273806e-07;
const T35: f64 = -1.7406618963571648e-07;
const T37: f64 = 7.054636946400968e-08;
const TANH_TINY: f64 = 2.7755575615628914e-17;

/** tanh x (fdlibm s_tanh.c, t/(t + 2) below 1; src/js/math.ts: tanh). */
export function tanh(x: f64): f64 {
  const a = Math.abs(x);
  if (!(a < 22.0)) return a == a ? (x > 0 ? 1.0 : -1.0) : x;
  if (a < TANH_TINY) return x;
  if (a < 0.5) {
    const w = x * x;
    return x + x * (w * (T3 + w * (T5 + w * (T7 + w * (T9 + w * (T11 + w * (T13 + w * (T15 + w * (T17 + w * (
      T19 + w * (T21 + w * (T23 + w * (T25 + w * (T27 + w * (T29 + w * (T31 + w * (T33 + w * (T35 + w * (T37)))))))))))))))))));
  }
  let z: f64;
  if (a >= 1.0) {
    z = 1.0 - 2.0 / (expm1(2.0 * a) + 2.0);
  } else {
    const t = expm1(2.0 * a);
    z = t / (t + 2.0);
  }
  return x > 0 ? z : -z;
}

// ---------------------------------------------------------------- f64x2 (SIMD build only)

/** f applied to each lane by the scalar function (out of line: the rare path stays out of the kernels' loops). */
function lanes(X: v128, fn: i32): v128 {
  const a = f64x2.extract_lane(X, 0), b = f64x2.extract_lane(X, 1);
  return f64x2.replace_lane(f64x2.splat(scalarOf(fn, a)), 1, scalarOf(fn, b));
}

/** eˣ in each lane, bitwise as exp. Lanes in [−704, 709] take the vector path (expCoreV). */
// @ts-ignore: decorator
@inline
export function expV(X: v128): v128 {
  if (!v128.all_true<i64>(v128.and(f64x2.ge(X, vf(V_EXP_LO)), f64x2.le(X, vf(V_EXP_HI))))) {
    return lanes(X, MATH_EXP);
  }
  return expCoreV(X);
}

/**
 * exp's fast path in each lane, for lanes known to be in [−704, 709] (e.g. by one range check over a whole row): any
 * other lane gives a wrong value but no trap (the table index is masked). The table is read per lane (two 16-byte
 * loads); s_j·2ᵏ by adding kᵢ·2⁴⁵ to the bits, as the scalar function.
 */
// @ts-ignore: decorator
@inline
export function expCoreV(X: v128): v128 {
  const SH = vf(V_SHIFT);
  const T = f64x2.add(f64x2.mul(X, vf(V_INV_LN2_N)), SH);
  const KD = f64x2.sub(T, SH);
  const R = f64x2.add(f64x2.add(X, f64x2.mul(KD, vf(V_NEG_LN2_HI_N))), f64x2.mul(KD, vf(V_NEG_LN2_LO_N)));
  const A = v128.load(EXP_TAB + ((<usize>i64x2.extract_lane(T, 0) & 127) << 4));
  const B = v128.load(EXP_TAB + ((<usize>i64x2.extract_lane(T, 1) & 127) << 4));
  const R2 = f64x2.mul(R, R);
  const P = f64x2.add(f64x2.add(i64x2.shuffle(A, B, 0, 2), R), f64x2.mul(R2, f64x2.add(vf(V_C2), f64x2.mul(R, vf(V_C3)))));
  const TMP = f64x2.add(P, f64x2.mul(f64x2.mul(R2, R2), f64x2.add(vf(V_C4), f64x2.mul(R, vf(V_C5)))));
  const S = i64x2.add(i64x2.shuffle(A, B, 1, 3), i64x2.shl(T, 45));
  return f64x2.add(S, f64x2.mul(S, TMP));
}

/**
 * The f64x2 forms' constants, each in both lanes, read from memory by offset (vf): V8 (Node 20) builds every v128
 * constant from an immediate inside the loop (three instructions), a load is one. Measured: expCoreV 2.1 against 3.8
 * ns a value.
 */
const VF: usize = memory.data<f64>([
  SHIFT, SHIFT, EXP_INV_LN2_N, EXP_INV_LN2_N, EXP_NEG_LN2_HI_N, EXP_NEG_LN2_HI_N, EXP_NEG_LN2_LO_N, EXP_NEG_LN2_LO_N,
  C2, C2, C3, C3, C4, C4, C5, C5, // 0 … 112
  EXP_FAST_LO, EXP_FAST_LO, EXP_FAST_HI, EXP_FAST_HI, 0.5, 0.5, 2.0, 2.0, // 128 … 176
  LG1, LG1, LG2, LG2, LG3, LG3, LG4, LG4, LG5, LG5, LG6, LG6, LG7, LG7, // 192 … 288
  LN2_HI, LN2_HI, LN2_LO, LN2_LO, 1.0, 1.0, MIN_NORMAL, MIN_NORMAL, Infinity, Infinity, -1.0, -1.0, // 304 … 384
  LOG1P_TINY, LOG1P_TINY, LOG1P_F_MIN, LOG1P_F_MIN, LOG1P_F_MAX, LOG1P_F_MAX, 54.0, 54.0, // 400 … 448
  LB1, LB1, LB2, LB2, LB3, LB3, LB4, LB4, LB5, LB5, LB6, LB6, LB7, LB7, LB8, LB8, LB9, LB9, LB10, LB10, // 464 … 608
  LA0, LA0, LA1, LA1, LA2, LA2, LA3, LA3, LA4, LA4, // 624 … 688
  LOG_LN2_HI, LOG_LN2_HI, LOG_LN2_LO, LOG_LN2_LO, TWO27, TWO27, -0.5, -0.5, LOG_NEAR_LO, LOG_NEAR_LO, // 704 … 768
  LOG_NEAR_HI, LOG_NEAR_HI, // 784
], 16);
const V_SHIFT: usize = 0, V_INV_LN2_N: usize = 16, V_NEG_LN2_HI_N: usize = 32, V_NEG_LN2_LO_N: usize = 48;
const V_C2: usize = 64, V_C3: usize = 80, V_C4: usize = 96, V_C5: usize = 112;
const V_EXP_LO: usize = 128, V_EXP_HI: usize = 144, V_HALF: usize = 160, V_TWO: usize = 176;
const V_LG1: usize = 192, V_LG2: usize = 208, V_LG3: usize = 224, V_LG4: usize = 240, V_LG5: usize = 256;
const V_LG6: usize = 272, V_LG7: usize = 288, V_LN2_HI: usize = 304, V_LN2_LO: usize = 320, V_ONE: usize = 336;
const V_MIN_NORMAL: usize = 352, V_INF: usize = 368, V_MINUS_ONE: usize = 384, V_LOG1P_TINY: usize = 400;
const V_LOG1P_F_MIN: usize = 416, V_LOG1P_F_MAX: usize = 432, V_54: usize = 448;
const V_LB1: usize = 464, V_LB2: usize = 480, V_LB3: usize = 496, V_LB4: usize = 512, V_LB5: usize = 528;
const V_LB6: usize = 544, V_LB7: usize = 560, V_LB8: usize = 576, V_LB9: usize = 592, V_LB10: usize = 608;
const V_LA0: usize = 624, V_LA1: usize = 640, V_LA2: usize = 656, V_LA3: usize = 672, V_LA4: usize = 688;
const V_LOG_LN2_HI: usize = 704, V_LOG_LN2_LO: usize = 720, V_TWO27: usize = 736, V_HALF_NEG: usize = 752;
const V_LOG_NEAR_LO: usize = 768, V_LOG_NEAR_HI: usize = 784;
/** Integer constants of the f64x2 forms, each in both lanes. */
const VI: usize = memory.data<i64>([
  0x00095f6200000000, 0x00095f6200000000, // (0x3ff00000 − SQRT_HALF_HI) << 32
  0x3ff, 0x3ff,
  0x000fffffffffffff, 0x000fffffffffffff,
  0x3fe6a09e00000000, 0x3fe6a09e00000000, // SQRT_HALF_HI << 32
  0x4338000000000000, 0x4338000000000000, // the bits of SHIFT
  0x3FE6000000000000, 0x3FE6000000000000, // LOG_OFF
  0xFFF0000000000000, 0xFFF0000000000000, // sign and exponent field
], 16);
const VI_SQRT_HALF_SHIFT: usize = 0, VI_3FF: usize = 16, VI_FRACTION: usize = 32, VI_SQRT_HALF_HI: usize = 48;
const VI_SHIFT_BITS: usize = 64, VI_LOG_OFF: usize = 80, VI_EXP_FIELD: usize = 96;

/** The f64 constant pair at offset o of VF. */
// @ts-ignore: decorator
@inline
function vf(o: usize): v128 {
  return v128.load(VF + o);
}
/** The i64 constant pair at offset o of VI. */
// @ts-ignore: decorator
@inline
function vi(o: usize): v128 {
  return v128.load(VI + o);
}

/** log(1 + f) + k·ln 2 + c, lane-wise as logReduced. */
// @ts-ignore: decorator
@inline
function logReducedV(f: v128, dk: v128, c: v128): v128 {
  const hfsq = f64x2.mul(f64x2.mul(vf(V_HALF), f), f);
  const s = f64x2.div(f, f64x2.add(vf(V_TWO), f));
  const z = f64x2.mul(s, s);
  const w = f64x2.mul(z, z);
  const t1 = f64x2.mul(w, f64x2.add(vf(V_LG2), f64x2.mul(w, f64x2.add(vf(V_LG4), f64x2.mul(w, vf(V_LG6))))));
  const t2 = f64x2.mul(z, f64x2.add(vf(V_LG1), f64x2.mul(w,
    f64x2.add(vf(V_LG3), f64x2.mul(w, f64x2.add(vf(V_LG5), f64x2.mul(w, vf(V_LG7))))))));
  const R = f64x2.add(t2, t1);
  let v = f64x2.add(f64x2.mul(s, f64x2.add(hfsq, R)), f64x2.add(f64x2.mul(dk, vf(V_LN2_LO)), c));
  v = f64x2.add(f64x2.sub(v, hfsq), f);
  return f64x2.add(v, f64x2.mul(dk, vf(V_LN2_HI)));
}

/** Bits of positive normal lanes u moved so that the exponent field is k of u = 2ᵏ·(1 + f), 1 + f in [√2/2, √2). */
// @ts-ignore: decorator
@inline
function shiftedBits(U: v128): v128 {
  return i64x2.add(U, vi(VI_SQRT_HALF_SHIFT));
}
/** k from shiftedBits, as i64 lanes. */
// @ts-ignore: decorator
@inline
function exponentOf(B: v128): v128 {
  // B is positive (u > 0): the logical shift is the arithmetic one, and x64 has no 64-bit arithmetic shift in SSE.
  return i64x2.sub(i64x2.shr_u(B, 52), vi(VI_3FF));
}
/** f from shiftedBits. */
// @ts-ignore: decorator
@inline
function fractionOf(B: v128): v128 {
  return f64x2.sub(i64x2.add(v128.and(B, vi(VI_FRACTION)), vi(VI_SQRT_HALF_HI)), vf(V_ONE));
}
/** i64 lanes k (|k| < 2⁵¹) as doubles: the bits of 1.5·2⁵² + k, minus 1.5·2⁵², exactly. */
// @ts-ignore: decorator
@inline
function toF64(K: v128): v128 {
  return f64x2.sub(i64x2.add(K, vi(VI_SHIFT_BITS)), vf(V_SHIFT));
}

/** logNear1 in each lane. */
// @ts-ignore: decorator
@inline
function logNear1V(X: v128): v128 {
  const R = f64x2.sub(X, vf(V_ONE));
  const R2 = f64x2.mul(R, R);
  const R3 = f64x2.mul(R2, R);
  const p3 = f64x2.add(f64x2.add(vf(V_LB7), f64x2.mul(R, vf(V_LB8))), f64x2.mul(R2, vf(V_LB9)));
  const q3 = f64x2.add(p3, f64x2.mul(R3, vf(V_LB10)));
  const p2 = f64x2.add(f64x2.add(vf(V_LB4), f64x2.mul(R, vf(V_LB5))), f64x2.mul(R2, vf(V_LB6)));
  const q2 = f64x2.add(p2, f64x2.mul(R3, q3));
  const p1 = f64x2.add(f64x2.add(vf(V_LB1), f64x2.mul(R, vf(V_LB2))), f64x2.mul(R2, vf(V_LB3)));
  const Y = f64x2.mul(R3, f64x2.add(p1, f64x2.mul(R3, q2)));
  let W = f64x2.mul(R, vf(V_TWO27));
  const RHI = f64x2.sub(f64x2.add(R, W), W);
  const RLO = f64x2.sub(R, RHI);
  W = f64x2.mul(f64x2.mul(RHI, RHI), vf(V_HALF_NEG));
  const HI = f64x2.add(R, W);
  let LO = f64x2.add(f64x2.sub(R, HI), W);
  LO = f64x2.add(LO, f64x2.mul(f64x2.mul(vf(V_HALF_NEG), RLO), f64x2.add(RHI, R)));
  return f64x2.add(f64x2.add(Y, LO), HI);
}

/** logTable(x, 0) in each lane (normal positive finite lanes): the table read per lane. */
// @ts-ignore: decorator
@inline
function logTableV(X: v128): v128 {
  const TMP = i64x2.sub(X, vi(VI_LOG_OFF));
  const t0 = i64x2.extract_lane(TMP, 0), t1 = i64x2.extract_lane(TMP, 1);
  const e0 = LOG_TAB + (<usize>(<i32>(t0 >> 45) & 127) << 5), e1 = LOG_TAB + (<usize>(<i32>(t1 >> 45) & 127) << 5);
  const KD = f64x2.replace_lane(f64x2.splat(<f64>(<i32>(t0 >> 52))), 1, <f64>(<i32>(t1 >> 52)));
  const Z = i64x2.sub(X, v128.and(TMP, vi(VI_EXP_FIELD)));
  const A0 = v128.load(e0), A1 = v128.load(e1), B0 = v128.load(e0, 16), B1 = v128.load(e1, 16);
  const R = f64x2.mul(f64x2.sub(f64x2.sub(Z, i64x2.shuffle(B0, B1, 0, 2)), i64x2.shuffle(B0, B1, 1, 3)), i64x2.shuffle(A0, A1, 0, 2));
  const W = f64x2.add(f64x2.mul(KD, vf(V_LOG_LN2_HI)), i64x2.shuffle(A0, A1, 1, 3));
  const HI = f64x2.add(W, R);
  const LO = f64x2.add(f64x2.add(f64x2.sub(W, HI), R), f64x2.mul(KD, vf(V_LOG_LN2_LO)));
  const R2 = f64x2.mul(R, R);
  const P = f64x2.add(f64x2.add(vf(V_LA1), f64x2.mul(R, vf(V_LA2))), f64x2.mul(R2, f64x2.add(vf(V_LA3), f64x2.mul(R, vf(V_LA4)))));
  return f64x2.add(f64x2.add(f64x2.add(LO, f64x2.mul(R2, vf(V_LA0))), f64x2.mul(f64x2.mul(R, R2), P)), HI);
}

/** ln x in each lane, bitwise as log. Positive normal finite lanes take the vector path. */
// @ts-ignore: decorator
@inline
export function logV(X: v128): v128 {
  if (!v128.all_true<i64>(v128.and(f64x2.ge(X, vf(V_MIN_NORMAL)), f64x2.lt(X, vf(V_INF))))) {
    return lanes(X, MATH_LOG);
  }
  const NEAR = v128.and(f64x2.ge(X, vf(V_LOG_NEAR_LO)), f64x2.lt(X, vf(V_LOG_NEAR_HI)));
  if (!v128.any_true(NEAR)) return logTableV(X);
  if (v128.all_true<i64>(NEAR)) return logNear1V(X);
  return v128.bitselect(logNear1V(X), logTableV(X), NEAR);
}

/**
 * log1pV for lanes in [0, 1] (the logistic loss's log1p(e^−|z|)), bitwise as log1p: there 1 + x < 2·√2, so the
 * scalar's branches come down to f = x, k = 0, c = 0 below √2 − 1 and k = 1, f = (1 + x)/2 − 1 (exact),
 * c = (x − ((1 + x) − 1))/(1 + x) from it on: no exponent bits, no choice of c.
 */
// @ts-ignore: decorator
@inline
function log1pUnitV(X: v128): v128 {
  const ONE = vf(V_ONE);
  const TINY = f64x2.lt(X, vf(V_LOG1P_TINY));
  const direct = f64x2.lt(X, vf(V_LOG1P_F_MAX));
  const U = f64x2.add(ONE, X);
  const F = v128.bitselect(X, f64x2.sub(f64x2.mul(vf(V_HALF), U), ONE), direct);
  const C = v128.andnot(f64x2.div(f64x2.sub(X, f64x2.sub(U, ONE)), U), direct);
  return v128.bitselect(X, logReducedV(F, v128.andnot(ONE, direct), C), TINY);
}

/** ln(1 + x) in each lane, bitwise as log1p. Lanes in (−1, ∞) take the vector path. */
// @ts-ignore: decorator
@inline
export function log1pV(X: v128): v128 {
  if (v128.all_true<i64>(v128.and(f64x2.ge(X, f64x2.splat(0.0)), f64x2.le(X, vf(V_ONE))))) return log1pUnitV(X);
  if (!v128.all_true<i64>(v128.and(f64x2.gt(X, vf(V_MINUS_ONE)), f64x2.lt(X, vf(V_INF))))) {
    return lanes(X, MATH_LOG1P);
  }
  const ONE = vf(V_ONE), ZERO = f64x2.splat(0.0);
  const TINY = f64x2.lt(f64x2.abs(X), vf(V_LOG1P_TINY));
  // SQRT_HALF − 1 < x < √2 − 1: f = x, k = 0, c = 0; otherwise the reduction of 1 + x. Both are computed and
  // selected: a branch skipping the reduction when both lanes are direct made the logistic kernel slower (measured:
  // 17.5 against 25 ns a row at 1 000 000 × 10).
  const direct = v128.and(f64x2.gt(X, vf(V_LOG1P_F_MIN)), f64x2.lt(X, vf(V_LOG1P_F_MAX)));
  const U = f64x2.add(ONE, X);
  const B = shiftedBits(U);
  const DKR = toF64(exponentOf(B));
  // c = (k ≥ 2 ? 1 − (u − x) : x − (u − 1))/u for k < 54, else 0 (k compared as the exact double it is).
  const cHi = f64x2.sub(ONE, f64x2.sub(U, X)), cLo = f64x2.sub(X, f64x2.sub(U, ONE));
  let C = f64x2.div(v128.bitselect(cHi, cLo, f64x2.ge(DKR, vf(V_TWO))), U);
  C = v128.bitselect(C, ZERO, f64x2.lt(DKR, vf(V_54)));
  const F = v128.bitselect(X, fractionOf(B), direct);
  const DK = v128.bitselect(ZERO, DKR, direct);
  C = v128.bitselect(ZERO, C, direct);
  const V = logReducedV(F, DK, C);
  return v128.bitselect(X, V, TINY);
}

// ---------------------------------------------------------------- batches (tests)

export const MATH_EXP = 0;
export const MATH_EXPM1 = 1;
export const MATH_LOG = 2;
export const MATH_LOG1P = 3;
export const MATH_TANH = 4;

// @ts-ignore: decorator
@inline
function scalarOf(fn: i32, x: f64): f64 {
  switch (fn) {
    case MATH_EXP: return exp(x);
    case MATH_EXPM1: return expm1(x);
    case MATH_LOG: return log(x);
    case MATH_LOG1P: return log1p(x);
    default: return tanh(x);
  }
}

/**
 * out[i] = f(x[i]) for i < n, f = exp, expm1, log, log1p, tanh (fn = 0…4): by the scalar functions, or with vectors
 * = 1 in the SIMD build by the f64x2 forms on pairs (expm1 and tanh lane by lane). For the tests: the vector forms
 * against the scalar ones and against the JS mirror.
 */
export function mathMap(fn: i32, xPtr: usize, outPtr: usize, n: i32, vectors: i32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD && vectors != 0) {
    for (; i + 2 <= n; i += 2) {
      const o = <usize>i << 3;
      const X = v128.load(xPtr + o);
      let Y: v128;
      if (fn == MATH_EXP) Y = expV(X);
      else if (fn == MATH_LOG) Y = logV(X);
      else if (fn == MATH_LOG1P) Y = log1pV(X);
      else Y = lanes(X, fn);
      v128.store(outPtr + o, Y);
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    store<f64>(outPtr + o, scalarOf(fn, load<f64>(xPtr + o)));
  }
}
