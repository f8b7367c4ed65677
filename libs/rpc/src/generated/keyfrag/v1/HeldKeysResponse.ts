// Original file: keyfrag/v1/fragment.proto

import type { HeldKeySet as _keyfrag_v1_HeldKeySet, HeldKeySet__Output as _keyfrag_v1_HeldKeySet__Output } from '../../keyfrag/v1/HeldKeySet.js';

export interface HeldKeysResponse {
  'sets'?: (_keyfrag_v1_HeldKeySet)[];
}

export interface HeldKeysResponse__Output {
  'sets': (_keyfrag_v1_HeldKeySet__Output)[];
}
