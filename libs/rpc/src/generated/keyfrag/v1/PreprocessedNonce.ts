// Original file: keyfrag/v1/fragment.proto

import type { NonceCommitment as _keyfrag_v1_NonceCommitment, NonceCommitment__Output as _keyfrag_v1_NonceCommitment__Output } from '../../keyfrag/v1/NonceCommitment.js';

export interface PreprocessedNonce {
  'nonce_id'?: (string);
  'commitment'?: (_keyfrag_v1_NonceCommitment | null);
}

export interface PreprocessedNonce__Output {
  'nonce_id': (string);
  'commitment': (_keyfrag_v1_NonceCommitment__Output | null);
}
