// Original file: keyfrag/v1/coordinator.proto

export const KeyAlgorithm = {
  KEY_ALGORITHM_UNSPECIFIED: 'KEY_ALGORITHM_UNSPECIFIED',
  AES256GCM: 'AES256GCM',
  AES128GCM: 'AES128GCM',
  ED25519: 'ED25519',
} as const;

export type KeyAlgorithm =
  | 'KEY_ALGORITHM_UNSPECIFIED'
  | 0
  | 'AES256GCM'
  | 1
  | 'AES128GCM'
  | 2
  | 'ED25519'
  | 3

export type KeyAlgorithm__Output = typeof KeyAlgorithm[keyof typeof KeyAlgorithm]
