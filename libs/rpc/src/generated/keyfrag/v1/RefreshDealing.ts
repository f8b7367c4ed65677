// Original file: keyfrag/v1/fragment.proto

import type { SealedSubShare as _keyfrag_v1_SealedSubShare, SealedSubShare__Output as _keyfrag_v1_SealedSubShare__Output } from '../../keyfrag/v1/SealedSubShare.js';

export interface RefreshDealing {
  'from'?: (number);
  'from_epoch'?: (number);
  'commitments'?: (Buffer | Uint8Array | string)[];
  'sealed_shares'?: (_keyfrag_v1_SealedSubShare)[];
}

export interface RefreshDealing__Output {
  'from': (number);
  'from_epoch': (number);
  'commitments': (Buffer)[];
  'sealed_shares': (_keyfrag_v1_SealedSubShare__Output)[];
}
