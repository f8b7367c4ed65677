/*
 * Variable-time multi-scalar multiplication Σ kᵢ·Pᵢ on edwards25519 and ristretto255, for
 * public scalars only (proof verification, Feldman checks, FROST's binding factors and
 * challenges): libsodium has no multi-scalar multiplication in its public API, and summing its
 * one-at-a-time multiplications costs a full multiplication plus a decode and an encode per
 * term. The field arithmetic is branch-free (radix 2^51, as libsodium's fe_51 and
 * curve25519-donna) and the scalars' digits steer control flow, so scalars must be public.
 * ristretto255 decoding branches only on validity, so its points may be secret; edwards25519
 * decoding (RFC 8032) branches on the point itself, so edwards25519 points must be public (in
 * keyfrag they are: commitments, verifying shares, public keys). Formulas: extended twisted Edwards coordinates (Hisil–Wong–Carter–
 * Dawson 2008, add-2008-hwcd-3 and dbl-2008-hwcd, a = -1); ristretto255 decoding and encoding
 * as RFC 9496 §4.3; Straus' method with signed radix-16 digits. Results are cross-checked
 * against libsodium's own operations by the tests (random and adversarial inputs).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef uint64_t fe[5];
typedef unsigned __int128 u128;
#define MASK51 ((uint64_t)0x7ffffffffffff)

static void fe_copy(fe h, const fe f) { memcpy(h, f, sizeof(fe)); }
static void fe_0(fe h) { memset(h, 0, sizeof(fe)); }
static void fe_1(fe h) { fe_0(h); h[0] = 1; }

static void fe_frombytes(fe h, const unsigned char *s) {
  uint64_t w[4];
  for (int i = 0; i < 4; i++) {
    w[i] = 0;
    for (int j = 7; j >= 0; j--) w[i] = (w[i] << 8) | s[8 * i + j];
  }
  h[0] = w[0] & MASK51;
  h[1] = ((w[0] >> 51) | (w[1] << 13)) & MASK51;
  h[2] = ((w[1] >> 38) | (w[2] << 26)) & MASK51;
  h[3] = ((w[2] >> 25) | (w[3] << 39)) & MASK51;
  h[4] = (w[3] >> 12) & MASK51; /* the top bit is ignored, as in RFC 7748 / RFC 9496 decoding */
}

static void fe_carry(fe h) {
  uint64_t c;
  c = h[0] >> 51; h[0] &= MASK51; h[1] += c;
  c = h[1] >> 51; h[1] &= MASK51; h[2] += c;
  c = h[2] >> 51; h[2] &= MASK51; h[3] += c;
  c = h[3] >> 51; h[3] &= MASK51; h[4] += c;
  c = h[4] >> 51; h[4] &= MASK51; h[0] += 19 * c;
  c = h[0] >> 51; h[0] &= MASK51; h[1] += c;
}

/* Canonical little-endian encoding (fully reduced mod p = 2^255 - 19). */
static void fe_tobytes(unsigned char *s, const fe f) {
  fe t;
  fe_copy(t, f);
  fe_carry(t);
  fe_carry(t);
  /* t < 2^255 + small; subtract p if t >= p: compute t + 19 and look at bit 255. */
  uint64_t q = (t[0] + 19) >> 51;
  q = (t[1] + q) >> 51;
  q = (t[2] + q) >> 51;
  q = (t[3] + q) >> 51;
  q = (t[4] + q) >> 51;
  t[0] += 19 * q;
  uint64_t c;
  c = t[0] >> 51; t[0] &= MASK51; t[1] += c;
  c = t[1] >> 51; t[1] &= MASK51; t[2] += c;
  c = t[2] >> 51; t[2] &= MASK51; t[3] += c;
  c = t[3] >> 51; t[3] &= MASK51; t[4] += c;
  t[4] &= MASK51;
  uint64_t w[4];
  w[0] = t[0] | (t[1] << 51);
  w[1] = (t[1] >> 13) | (t[2] << 38);
  w[2] = (t[2] >> 26) | (t[3] << 25);
  w[3] = (t[3] >> 39) | (t[4] << 12);
  for (int i = 0; i < 4; i++)
    for (int j = 0; j < 8; j++) s[8 * i + j] = (unsigned char)(w[i] >> (8 * j));
}

static void fe_add(fe h, const fe f, const fe g) {
  for (int i = 0; i < 5; i++) h[i] = f[i] + g[i];
  fe_carry(h);
}

/* f - g + 4p, so limbs never go negative (inputs carried: limbs < 2^52). */
static void fe_sub(fe h, const fe f, const fe g) {
  h[0] = (f[0] + 0x1fffffffffffb4) - g[0];
  h[1] = (f[1] + 0x1ffffffffffffc) - g[1];
  h[2] = (f[2] + 0x1ffffffffffffc) - g[2];
  h[3] = (f[3] + 0x1ffffffffffffc) - g[3];
  h[4] = (f[4] + 0x1ffffffffffffc) - g[4];
  fe_carry(h);
}

static void fe_neg(fe h, const fe f) {
  fe z;
  fe_0(z);
  fe_sub(h, z, f);
}

static void fe_mul(fe h, const fe f, const fe g) {
  uint64_t f0 = f[0], f1 = f[1], f2 = f[2], f3 = f[3], f4 = f[4];
  uint64_t g0 = g[0], g1 = g[1], g2 = g[2], g3 = g[3], g4 = g[4];
  uint64_t g1_19 = 19 * g1, g2_19 = 19 * g2, g3_19 = 19 * g3, g4_19 = 19 * g4;
  u128 r0 = (u128)f0 * g0 + (u128)f1 * g4_19 + (u128)f2 * g3_19 + (u128)f3 * g2_19 + (u128)f4 * g1_19;
  u128 r1 = (u128)f0 * g1 + (u128)f1 * g0 + (u128)f2 * g4_19 + (u128)f3 * g3_19 + (u128)f4 * g2_19;
  u128 r2 = (u128)f0 * g2 + (u128)f1 * g1 + (u128)f2 * g0 + (u128)f3 * g4_19 + (u128)f4 * g3_19;
  u128 r3 = (u128)f0 * g3 + (u128)f1 * g2 + (u128)f2 * g1 + (u128)f3 * g0 + (u128)f4 * g4_19;
  u128 r4 = (u128)f0 * g4 + (u128)f1 * g3 + (u128)f2 * g2 + (u128)f3 * g1 + (u128)f4 * g0;
  uint64_t c;
  c = (uint64_t)(r0 >> 51); r1 += c; uint64_t h0 = (uint64_t)r0 & MASK51;
  c = (uint64_t)(r1 >> 51); r2 += c; uint64_t h1 = (uint64_t)r1 & MASK51;
  c = (uint64_t)(r2 >> 51); r3 += c; uint64_t h2 = (uint64_t)r2 & MASK51;
  c = (uint64_t)(r3 >> 51); r4 += c; uint64_t h3 = (uint64_t)r3 & MASK51;
  c = (uint64_t)(r4 >> 51); uint64_t h4 = (uint64_t)r4 & MASK51;
  h0 += 19 * c;
  c = h0 >> 51; h0 &= MASK51; h1 += c;
  h[0] = h0; h[1] = h1; h[2] = h2; h[3] = h3; h[4] = h4;
}

static void fe_sq(fe h, const fe f) { fe_mul(h, f, f); }

static void fe_sqn(fe h, const fe f, int n) {
  fe_sq(h, f);
  for (int i = 1; i < n; i++) fe_sq(h, h);
}

/* z^(2^250 - 1), shared by inversion and the square-root exponent (libsodium's chain). */
static void fe_pow2_250_1(fe out, fe z11, const fe z) {
  fe t0, t1, z2, z9, z2_5_0, z2_10_0, z2_20_0, z2_50_0, z2_100_0;
  fe_sq(z2, z);                 /* 2 */
  fe_sqn(t1, z2, 2);            /* 8 */
  fe_mul(z9, t1, z);            /* 9 */
  fe_mul(z11, z9, z2);          /* 11 */
  fe_sq(t0, z11);               /* 22 */
  fe_mul(z2_5_0, t0, z9);       /* 2^5 - 1 */
  fe_sqn(t0, z2_5_0, 5);
  fe_mul(z2_10_0, t0, z2_5_0);  /* 2^10 - 1 */
  fe_sqn(t0, z2_10_0, 10);
  fe_mul(z2_20_0, t0, z2_10_0); /* 2^20 - 1 */
  fe_sqn(t0, z2_20_0, 20);
  fe_mul(t0, t0, z2_20_0);      /* 2^40 - 1 */
  fe_sqn(t0, t0, 10);
  fe_mul(z2_50_0, t0, z2_10_0); /* 2^50 - 1 */
  fe_sqn(t0, z2_50_0, 50);
  fe_mul(z2_100_0, t0, z2_50_0); /* 2^100 - 1 */
  fe_sqn(t0, z2_100_0, 100);
  fe_mul(t0, t0, z2_100_0);     /* 2^200 - 1 */
  fe_sqn(t0, t0, 50);
  fe_mul(out, t0, z2_50_0);     /* 2^250 - 1 */
}

/* z^(p-2) = z^(2^255 - 21) */
static void fe_invert(fe out, const fe z) {
  fe t, z11;
  fe_pow2_250_1(t, z11, z);
  fe_sqn(t, t, 5);              /* 2^255 - 32 */
  fe_mul(out, t, z11);          /* 2^255 - 21 */
}

/* z^((p-5)/8) = z^(2^252 - 3) */
static void fe_pow22523(fe out, const fe z) {
  fe t, z11;
  fe_pow2_250_1(t, z11, z);
  fe_sqn(t, t, 2);              /* 2^252 - 4 */
  fe_mul(out, t, z);            /* 2^252 - 3 */
}

static int fe_isnegative(const fe f) {
  unsigned char s[32];
  fe_tobytes(s, f);
  return s[0] & 1;
}

static int fe_iszero(const fe f) {
  unsigned char s[32];
  fe_tobytes(s, f);
  unsigned char d = 0;
  for (int i = 0; i < 32; i++) d |= s[i];
  return 1 & ((d - 1) >> 8);
}

static int fe_eq(const fe f, const fe g) {
  fe d;
  fe_sub(d, f, g);
  return fe_iszero(d);
}

/* h = b ? g : h, without a branch */
static void fe_cmov(fe h, const fe g, int b) {
  uint64_t mask = (uint64_t)0 - (uint64_t)(b & 1);
  for (int i = 0; i < 5; i++) h[i] ^= mask & (h[i] ^ g[i]);
}

static void fe_abs(fe h, const fe f) {
  fe n;
  fe_neg(n, f);
  fe_copy(h, f);
  fe_cmov(h, n, fe_isnegative(f));
}

/*
 * Curve constants in radix 2^51 limbs, as initialised read-only data (no start-up code writes
 * them, so any number of Node environments and worker threads may load the addon at once):
 * d = -121665/121666, 2d, sqrt(-1) and 1/sqrt(a - d) (RFC 9496's INVSQRT_A_MINUS_D), mod p.
 */
static const fe FE_D = {0x34dca135978a3, 0x1a8283b156ebd, 0x5e7a26001c029, 0x739c663a03cbb, 0x52036cee2b6ff};
static const fe FE_D2 = {0x69b9426b2f159, 0x35050762add7a, 0x3cf44c0038052, 0x6738cc7407977, 0x2406d9dc56dff};
static const fe FE_SQRT_M1 = {0x61b274a0ea0b0, 0xd5a5fc8f189d, 0x7ef5e9cbd0c60, 0x78595a6804c9e, 0x2b8324804fc1d};
static const fe FE_INVSQRT_A_MINUS_D = {0xfdaa805d40ea, 0x2eb482e57d339, 0x7610274bc58, 0x6510b613dc8ff, 0x786c8905cfaff};

typedef struct { fe X, Y, Z, T; } ge;

static void ge_identity(ge *p) {
  fe_0(p->X);
  fe_1(p->Y);
  fe_1(p->Z);
  fe_0(p->T);
}

/* r = p + q (add-2008-hwcd-3, complete for a = -1) */
static void ge_add(ge *r, const ge *p, const ge *q) {
  fe a, b, c, d, e, f, g, h, t;
  fe_sub(a, p->Y, p->X);
  fe_sub(t, q->Y, q->X);
  fe_mul(a, a, t);
  fe_add(b, p->Y, p->X);
  fe_add(t, q->Y, q->X);
  fe_mul(b, b, t);
  fe_mul(c, p->T, q->T);
  fe_mul(c, c, FE_D2);
  fe_mul(d, p->Z, q->Z);
  fe_add(d, d, d);
  fe_sub(e, b, a);
  fe_sub(f, d, c);
  fe_add(g, d, c);
  fe_add(h, b, a);
  fe_mul(r->X, e, f);
  fe_mul(r->Y, g, h);
  fe_mul(r->T, e, h);
  fe_mul(r->Z, f, g);
}

/* r = 2p (dbl-2008-hwcd, a = -1) */
static void ge_dbl(ge *r, const ge *p) {
  fe a, b, c, e, g, f, h, t;
  fe_sq(a, p->X);
  fe_sq(b, p->Y);
  fe_sq(c, p->Z);
  fe_add(c, c, c);
  fe_add(t, p->X, p->Y);
  fe_sq(e, t);
  fe_sub(e, e, a);
  fe_sub(e, e, b);  /* E = 2XY */
  fe_sub(g, b, a);  /* G = D + B with D = -A */
  fe_sub(f, g, c);  /* F = G - C */
  fe_neg(h, a);
  fe_sub(h, h, b);  /* H = D - B */
  fe_mul(r->X, e, f);
  fe_mul(r->Y, g, h);
  fe_mul(r->T, e, h);
  fe_mul(r->Z, f, g);
}

static void ge_neg(ge *r, const ge *p) {
  fe_neg(r->X, p->X);
  fe_copy(r->Y, p->Y);
  fe_copy(r->Z, p->Z);
  fe_neg(r->T, p->T);
}

/* (was_square, r) = SQRT_RATIO_M1(u, v) of RFC 9496 §4.2 */
static int sqrt_ratio_m1(fe r, const fe u, const fe v) {
  fe v3, v7, t, check, neg_u, neg_u_i, r_prime;
  fe_sq(v3, v);
  fe_mul(v3, v3, v);        /* v^3 */
  fe_sq(v7, v3);
  fe_mul(v7, v7, v);        /* v^7 */
  fe_mul(t, u, v7);
  fe_pow22523(t, t);        /* (u v^7)^((p-5)/8) */
  fe_mul(r, u, v3);
  fe_mul(r, r, t);
  fe_sq(check, r);
  fe_mul(check, check, v);
  fe_neg(neg_u, u);
  fe_mul(neg_u_i, neg_u, FE_SQRT_M1);
  int correct = fe_eq(check, u);
  int flipped = fe_eq(check, neg_u);
  int flipped_i = fe_eq(check, neg_u_i);
  fe_mul(r_prime, r, FE_SQRT_M1);
  fe_cmov(r, r_prime, flipped | flipped_i);
  fe_abs(r, r);
  return correct | flipped;
}

/* RFC 9496 §4.3.1 decoding; 0 on an invalid encoding. */
static int ristretto_decode(ge *p, const unsigned char *bytes) {
  fe s, ss, u1, u2, u2_sqr, v, t, invsqrt, den_x, den_y, x, y;
  unsigned char check[32];
  fe_frombytes(s, bytes);
  fe_tobytes(check, s);
  unsigned char d = 0;
  for (int i = 0; i < 32; i++) d |= check[i] ^ bytes[i];
  if (d != 0 || fe_isnegative(s)) return 0;
  fe_sq(ss, s);
  fe one;
  fe_1(one);
  fe_sub(u1, one, ss);
  fe_add(u2, one, ss);
  fe_sq(u2_sqr, u2);
  fe_sq(t, u1);
  fe_mul(t, t, FE_D);
  fe_neg(v, t);
  fe_sub(v, v, u2_sqr);     /* v = -(D u1^2) - u2^2 */
  fe_mul(t, v, u2_sqr);
  int was_square = sqrt_ratio_m1(invsqrt, one, t);
  fe_mul(den_x, invsqrt, u2);
  fe_mul(den_y, invsqrt, den_x);
  fe_mul(den_y, den_y, v);
  fe_add(x, s, s);
  fe_mul(x, x, den_x);
  fe_abs(x, x);
  fe_mul(y, u1, den_y);
  fe_mul(t, x, y);
  if (!was_square || fe_isnegative(t) || fe_iszero(y)) return 0;
  fe_copy(p->X, x);
  fe_copy(p->Y, y);
  fe_1(p->Z);
  fe_copy(p->T, t);
  return 1;
}

/* RFC 9496 §4.3.2 encoding */
static void ristretto_encode(unsigned char *out, const ge *p) {
  fe u1, u2, t, invsqrt, den1, den2, z_inv, ix0, iy0, enchanted, x, y, den_inv, one, ny, s;
  fe_add(u1, p->Z, p->Y);
  fe_sub(t, p->Z, p->Y);
  fe_mul(u1, u1, t);
  fe_mul(u2, p->X, p->Y);
  fe_sq(t, u2);
  fe_mul(t, t, u1);
  fe_1(one);
  sqrt_ratio_m1(invsqrt, one, t);
  fe_mul(den1, invsqrt, u1);
  fe_mul(den2, invsqrt, u2);
  fe_mul(z_inv, den1, den2);
  fe_mul(z_inv, z_inv, p->T);
  fe_mul(ix0, p->X, FE_SQRT_M1);
  fe_mul(iy0, p->Y, FE_SQRT_M1);
  fe_mul(enchanted, den1, FE_INVSQRT_A_MINUS_D);
  fe_mul(t, p->T, z_inv);
  int rotate = fe_isnegative(t);
  fe_copy(x, p->X);
  fe_copy(y, p->Y);
  fe_copy(den_inv, den2);
  fe_cmov(x, iy0, rotate);
  fe_cmov(y, ix0, rotate);
  fe_cmov(den_inv, enchanted, rotate);
  fe_mul(t, x, z_inv);
  fe_neg(ny, y);
  fe_cmov(y, ny, fe_isnegative(t));
  fe_sub(s, p->Z, y);
  fe_mul(s, s, den_inv);
  fe_abs(s, s);
  fe_tobytes(out, s);
}

/* RFC 8032 §5.1.3 decoding (no subgroup check: inputs were validated by libsodium); 0 if invalid. */
static int ed25519_decode(ge *p, const unsigned char *bytes) {
  fe y, yy, u, v, x, vxx, t, one;
  unsigned char check[32];
  int sign = bytes[31] >> 7;
  fe_frombytes(y, bytes);
  fe_tobytes(check, y);
  unsigned char d = 0;
  for (int i = 0; i < 31; i++) d |= check[i] ^ bytes[i];
  d |= check[31] ^ (bytes[31] & 0x7f);
  if (d != 0) return 0; /* non-canonical y */
  fe_1(one);
  fe_sq(yy, y);
  fe_sub(u, yy, one);
  fe_mul(v, yy, FE_D);
  fe_add(v, v, one);
  /* x = u v^3 (u v^7)^((p-5)/8) */
  fe v3, v7;
  fe_sq(v3, v);
  fe_mul(v3, v3, v);
  fe_sq(v7, v3);
  fe_mul(v7, v7, v);
  fe_mul(t, u, v7);
  fe_pow22523(t, t);
  fe_mul(x, u, v3);
  fe_mul(x, x, t);
  fe_sq(vxx, x);
  fe_mul(vxx, vxx, v);
  if (!fe_eq(vxx, u)) {
    fe nu;
    fe_neg(nu, u);
    if (!fe_eq(vxx, nu)) return 0;
    fe_mul(x, x, FE_SQRT_M1);
  }
  if (fe_iszero(x) && sign) return 0;
  if (fe_isnegative(x) != sign) fe_neg(x, x);
  fe_copy(p->X, x);
  fe_copy(p->Y, y);
  fe_1(p->Z);
  fe_mul(p->T, x, y);
  return 1;
}

static void ed25519_encode(unsigned char *out, const ge *p) {
  fe zi, x, y;
  fe_invert(zi, p->Z);
  fe_mul(x, p->X, zi);
  fe_mul(y, p->Y, zi);
  fe_tobytes(out, y);
  out[31] ^= (unsigned char)(fe_isnegative(x) << 7);
}

/* Signed radix-16 digits of a 32-byte little-endian scalar < 2^255: 64 digits in [-8, 8]. */
static void radix16(signed char e[64], const unsigned char *a) {
  for (int i = 0; i < 32; i++) {
    e[2 * i] = a[i] & 15;
    e[2 * i + 1] = (a[i] >> 4) & 15;
  }
  signed char carry = 0;
  for (int i = 0; i < 63; i++) {
    e[i] += carry;
    carry = (signed char)((e[i] + 8) >> 4);
    e[i] -= (signed char)(carry << 4);
  }
  e[63] += carry;
}

/* The most terms one msm_vartime call takes (its table is 1280 bytes a term, on the heap). */
#define MSM_MAX_TERMS 4096

/*
 * out = Σ scalars[i]·P_i, variable time in the scalars. decode: the group's decoder. Returns 1,
 * 0 if a point does not decode, -1 if memory runs out, -2 if a scalar is ≥ 2^255 (its top
 * radix-16 digit could reach 16, past the 8-entry table), -3 if n is 0 or above MSM_MAX_TERMS.
 * Checked here, whatever the caller checked.
 */
static int msm_vartime(ge *out, const unsigned char *scalars, const unsigned char *points,
                       size_t n, int (*decode)(ge *, const unsigned char *)) {
  if (n == 0 || n > MSM_MAX_TERMS) return -3;
  for (size_t i = 0; i < n; i++)
    if (scalars[32 * i + 31] & 0x80) return -2;
  ge *table = malloc(n * 8 * sizeof(ge));
  signed char *digits = malloc(n * 64);
  if (!table || !digits) {
    free(table);
    free(digits);
    return -1;
  }
  for (size_t i = 0; i < n; i++) {
    ge *t = table + 8 * i;
    if (!decode(&t[0], points + 32 * i)) {
      free(table);
      free(digits);
      return 0;
    }
    for (int j = 1; j < 8; j++) ge_add(&t[j], &t[j - 1], &t[0]); /* t[j] = (j+1)·P */
    radix16(digits + 64 * i, scalars + 32 * i);
  }
  ge acc, neg;
  ge_identity(&acc);
  int started = 0;
  for (int w = 63; w >= 0; w--) {
    if (started) {
      ge_dbl(&acc, &acc);
      ge_dbl(&acc, &acc);
      ge_dbl(&acc, &acc);
      ge_dbl(&acc, &acc);
    }
    for (size_t i = 0; i < n; i++) {
      signed char d = digits[64 * i + w];
      if (d > 0) {
        ge_add(&acc, &acc, &table[8 * i + d - 1]);
        started = 1;
      } else if (d < 0) {
        ge_neg(&neg, &table[8 * i - d - 1]);
        ge_add(&acc, &acc, &neg);
        started = 1;
      }
    }
  }
  free(table);
  free(digits);
  *out = acc;
  return 1;
}
