// Original file: keyfrag/v1/common.proto

export const Suite = {
  SUITE_UNSPECIFIED: 'SUITE_UNSPECIFIED',
  RISTRETTO255: 'RISTRETTO255',
  ED25519: 'ED25519',
} as const;

export type Suite =
  | 'SUITE_UNSPECIFIED'
  | 0
  | 'RISTRETTO255'
  | 1
  | 'ED25519'
  | 2

export type Suite__Output = typeof Suite[keyof typeof Suite]
