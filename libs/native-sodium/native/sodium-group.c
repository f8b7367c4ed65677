/*
 * keyfrag's N-API binding of libsodium's ristretto255 (and edwards25519) group operations, linked
 * with the system libsodium (Debian's libsodium-dev). Only what @keyfrag/crypto's libsodium
 * backend needs; every function works on caller-allocated Uint8Arrays, like sodium-native:
 * out parameters first, then inputs, lengths checked here (a wrong length throws a TypeError).
 * No secret is kept: scalars are read from the caller's buffers and libsodium's stack copies
 * are its own business (it wipes them).
 */
#include <node_api.h>
#include <sodium.h>
#include <string.h>

#include "msm.h"

#define MAX_ARGS 4

static napi_value fail(napi_env env, const char *message) {
  napi_throw_type_error(env, NULL, message);
  return NULL;
}

/* Reads argument i as a Uint8Array of exactly `len` bytes into *data. */
static int bytes_arg(napi_env env, napi_value value, size_t len, unsigned char **data,
                     const char *message) {
  bool is_typed = false;
  if (napi_is_typedarray(env, value, &is_typed) != napi_ok || !is_typed) {
    napi_throw_type_error(env, NULL, message);
    return 0;
  }
  napi_typedarray_type type;
  size_t length;
  void *raw;
  if (napi_get_typedarray_info(env, value, &type, &length, &raw, NULL, NULL) != napi_ok ||
      type != napi_uint8_array || length != len) {
    napi_throw_type_error(env, NULL, message);
    return 0;
  }
  *data = (unsigned char *)raw;
  return 1;
}

/* Reads a Uint8Array of any length that is a multiple of `unit` (at least one unit). */
static int multi_arg(napi_env env, napi_value value, size_t unit, unsigned char **data,
                     size_t *count, const char *message) {
  bool is_typed = false;
  napi_typedarray_type type;
  size_t length;
  void *raw;
  if (napi_is_typedarray(env, value, &is_typed) != napi_ok || !is_typed ||
      napi_get_typedarray_info(env, value, &type, &length, &raw, NULL, NULL) != napi_ok ||
      type != napi_uint8_array || length == 0 || length % unit != 0) {
    napi_throw_type_error(env, NULL, message);
    return 0;
  }
  *data = (unsigned char *)raw;
  *count = length / unit;
  return 1;
}

static int get_args(napi_env env, napi_callback_info info, size_t want, napi_value *argv) {
  size_t argc = MAX_ARGS;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < want) {
    napi_throw_type_error(env, NULL, "too few arguments");
    return 0;
  }
  return 1;
}

static napi_value boolean(napi_env env, int value) {
  napi_value result;
  napi_get_boolean(env, value != 0, &result);
  return result;
}

/*
 * libsodium before 1.0.19 (Debian 12 has 1.0.18) ignores the top bit of a ristretto255 encoding,
 * so it accepts a second, non-canonical encoding of every element; RFC 9496 and later libsodium
 * refuse it. Every ristretto255 input is checked here first.
 */
static int r255_top_bit_clear(const unsigned char *p) { return (p[31] & 0x80) == 0; }

/* ristretto255_is_valid_point(p): canonical encoding of a ristretto255 element (the identity, all zeros, included). */
static napi_value r255_is_valid_point(napi_env env, napi_callback_info info) {
  napi_value argv[MAX_ARGS];
  unsigned char *p;
  if (!get_args(env, info, 1, argv) ||
      !bytes_arg(env, argv[0], crypto_core_ristretto255_BYTES, &p, "p must be 32 bytes"))
    return NULL;
  return boolean(env, r255_top_bit_clear(p) && crypto_core_ristretto255_is_valid_point(p));
}

/* precheck(a, b): whether the two inputs may be passed to libsodium (a: scalar or point). */
#define BINARY_OP(fname, call, precheck, what)                                              \
  static napi_value fname(napi_env env, napi_callback_info info) {                          \
    napi_value argv[MAX_ARGS];                                                              \
    unsigned char *r, *p, *q;                                                               \
    if (!get_args(env, info, 3, argv) || !bytes_arg(env, argv[0], 32, &r, "r must be 32 bytes") || \
        !bytes_arg(env, argv[1], 32, &p, "p must be 32 bytes") ||                           \
        !bytes_arg(env, argv[2], 32, &q, "q must be 32 bytes"))                             \
      return NULL;                                                                          \
    if (!(precheck) || call(r, p, q) != 0) return fail(env, what);                          \
    return NULL;                                                                            \
  }

BINARY_OP(r255_add, crypto_core_ristretto255_add, r255_top_bit_clear(p) && r255_top_bit_clear(q),
          "ristretto255 add: invalid point")
BINARY_OP(r255_sub, crypto_core_ristretto255_sub, r255_top_bit_clear(p) && r255_top_bit_clear(q),
          "ristretto255 sub: invalid point")
BINARY_OP(ed_add, crypto_core_ed25519_add, 1, "ed25519 add: invalid point")
BINARY_OP(ed_sub, crypto_core_ed25519_sub, 1, "ed25519 sub: invalid point")

/* scalarmult(q, n, p): q = n·p; throws if the result is the identity (n = 0 mod ℓ). */
BINARY_OP(r255_mul, crypto_scalarmult_ristretto255, r255_top_bit_clear(q),
          "ristretto255 scalar multiplication: identity result or invalid point")
BINARY_OP(ed_mul, crypto_scalarmult_ed25519_noclamp, 1,
          "ed25519 scalar multiplication: identity result or invalid point")

#define BASE_OP(fname, call, what)                                                          \
  static napi_value fname(napi_env env, napi_callback_info info) {                          \
    napi_value argv[MAX_ARGS];                                                              \
    unsigned char *q, *n;                                                                   \
    if (!get_args(env, info, 2, argv) || !bytes_arg(env, argv[0], 32, &q, "q must be 32 bytes") || \
        !bytes_arg(env, argv[1], 32, &n, "n must be 32 bytes"))                             \
      return NULL;                                                                          \
    if (call(q, n) != 0) return fail(env, what);                                            \
    return NULL;                                                                            \
  }

BASE_OP(r255_mul_base, crypto_scalarmult_ristretto255_base,
        "ristretto255 base-point multiplication: identity result")
BASE_OP(ed_mul_base, crypto_scalarmult_ed25519_base_noclamp,
        "ed25519 base-point multiplication: identity result")

/* ristretto255_from_hash(p, h): RFC 9496 element derivation from 64 uniform bytes. */
static napi_value r255_from_hash(napi_env env, napi_callback_info info) {
  napi_value argv[MAX_ARGS];
  unsigned char *p, *h;
  if (!get_args(env, info, 2, argv) || !bytes_arg(env, argv[0], 32, &p, "p must be 32 bytes") ||
      !bytes_arg(env, argv[1], crypto_core_ristretto255_HASHBYTES, &h, "h must be 64 bytes"))
    return NULL;
  crypto_core_ristretto255_from_hash(p, h);
  return NULL;
}

/* ed25519_is_valid_point(p): canonical, on the curve, in the prime-order subgroup, not small order. */
static napi_value ed_is_valid_point(napi_env env, napi_callback_info info) {
  napi_value argv[MAX_ARGS];
  unsigned char *p;
  if (!get_args(env, info, 1, argv) || !bytes_arg(env, argv[0], 32, &p, "p must be 32 bytes"))
    return NULL;
  return boolean(env, crypto_core_ed25519_is_valid_point(p));
}

/*
 * <group>_msm_vartime(out, scalars, points): out = Σ scalars[i]·points[i] by msm.h's Straus
 * method, variable time in the scalars (public scalars only). ristretto255 points may be secret
 * (decoding branches only on validity); edwards25519 points must be public (RFC 8032 decoding
 * branches on the point). Points must be valid encodings (a point that does not decode throws a
 * TypeError), scalars < 2^255 (TypeError otherwise), at most MSM_MAX_TERMS terms (RangeError
 * otherwise). Returns false when the sum is the identity (out: its encoding).
 */
#define MSM_OP(fname, decode, encode)                                                       \
  static napi_value fname(napi_env env, napi_callback_info info) {                          \
    napi_value argv[MAX_ARGS];                                                              \
    unsigned char *out, *scalars, *points;                                                  \
    size_t ns, np;                                                                          \
    if (!get_args(env, info, 3, argv) || !bytes_arg(env, argv[0], 32, &out, "out must be 32 bytes") || \
        !multi_arg(env, argv[1], 32, &scalars, &ns, "scalars must be n·32 bytes") ||        \
        !multi_arg(env, argv[2], 32, &points, &np, "points must be n·32 bytes"))            \
      return NULL;                                                                          \
    if (ns != np) return fail(env, "as many scalars as points");                            \
    if (ns > MSM_MAX_TERMS) {                                                               \
      napi_throw_range_error(env, NULL, "multi-scalar multiplication: more than 4096 terms"); \
      return NULL;                                                                          \
    }                                                                                       \
    ge sum;                                                                                 \
    int ok = msm_vartime(&sum, scalars, points, ns, decode);                                \
    if (ok == -2) return fail(env, "multi-scalar multiplication: scalar >= 2^255");         \
    if (ok == -3) return fail(env, "multi-scalar multiplication: bad term count");          \
    if (ok < 0) {                                                                           \
      napi_throw_error(env, NULL, "multi-scalar multiplication: out of memory");            \
      return NULL;                                                                          \
    }                                                                                       \
    if (ok == 0) return fail(env, "multi-scalar multiplication: invalid point");            \
    encode(out, &sum);                                                                      \
    ge id;                                                                                  \
    unsigned char id_bytes[32];                                                             \
    ge_identity(&id);                                                                       \
    encode(id_bytes, &id);                                                                  \
    return boolean(env, memcmp(out, id_bytes, 32) != 0);                                    \
  }

MSM_OP(r255_msm, ristretto_decode, ristretto_encode)
MSM_OP(ed_msm, ed25519_decode, ed25519_encode)

#define EXPORT(name, fn)                                                                    \
  { name, NULL, fn, NULL, NULL, NULL, napi_enumerable, NULL }

static napi_value init(napi_env env, napi_value exports) {
  if (sodium_init() < 0) {
    napi_throw_error(env, NULL, "libsodium could not be initialised");
    return NULL;
  }
  napi_property_descriptor props[] = {
      EXPORT("ristretto255_is_valid_point", r255_is_valid_point),
      EXPORT("ristretto255_add", r255_add),
      EXPORT("ristretto255_sub", r255_sub),
      EXPORT("ristretto255_scalarmult", r255_mul),
      EXPORT("ristretto255_scalarmult_base", r255_mul_base),
      EXPORT("ristretto255_from_hash", r255_from_hash),
      EXPORT("ristretto255_msm_vartime", r255_msm),
      EXPORT("ed25519_msm_vartime", ed_msm),
      EXPORT("ed25519_is_valid_point", ed_is_valid_point),
      EXPORT("ed25519_add", ed_add),
      EXPORT("ed25519_sub", ed_sub),
      EXPORT("ed25519_scalarmult_noclamp", ed_mul),
      EXPORT("ed25519_scalarmult_base_noclamp", ed_mul_base),
  };
  napi_value version;
  napi_create_string_utf8(env, sodium_version_string(), NAPI_AUTO_LENGTH, &version);
  napi_set_named_property(env, exports, "sodium_version", version);
  if (napi_define_properties(env, exports, sizeof props / sizeof props[0], props) != napi_ok)
    return NULL;
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
