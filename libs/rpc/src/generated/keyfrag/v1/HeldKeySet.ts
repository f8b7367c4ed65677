// Original file: keyfrag/v1/fragment.proto

import type { HeldKey as _keyfrag_v1_HeldKey, HeldKey__Output as _keyfrag_v1_HeldKey__Output } from '../../keyfrag/v1/HeldKey.js';

export interface HeldKeySet {
  'set'?: (number);
  'keys'?: (_keyfrag_v1_HeldKey)[];
}

export interface HeldKeySet__Output {
  'set': (number);
  'keys': (_keyfrag_v1_HeldKey__Output)[];
}
