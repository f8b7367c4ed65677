// Original file: keyfrag/v1/fragment.proto

import type { KeyRef as _keyfrag_v1_KeyRef, KeyRef__Output as _keyfrag_v1_KeyRef__Output } from '../../keyfrag/v1/KeyRef.js';
import type { NonceCommitment as _keyfrag_v1_NonceCommitment, NonceCommitment__Output as _keyfrag_v1_NonceCommitment__Output } from '../../keyfrag/v1/NonceCommitment.js';

export interface SignShareRequest {
  'key'?: (_keyfrag_v1_KeyRef | null);
  'epoch'?: (number);
  'nonce_id'?: (string);
  'commitments'?: (_keyfrag_v1_NonceCommitment)[];
  'message'?: (Buffer | Uint8Array | string);
}

export interface SignShareRequest__Output {
  'key': (_keyfrag_v1_KeyRef__Output | null);
  'epoch': (number);
  'nonce_id': (string);
  'commitments': (_keyfrag_v1_NonceCommitment__Output)[];
  'message': (Buffer);
}
