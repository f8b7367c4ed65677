// Original file: keyfrag/v1/fragment.proto

import type { KeyRef as _keyfrag_v1_KeyRef, KeyRef__Output as _keyfrag_v1_KeyRef__Output } from '../../keyfrag/v1/KeyRef.js';
import type { Long } from '@grpc/proto-loader';

export interface RefreshCommitRequest {
  'key'?: (_keyfrag_v1_KeyRef | null);
  'epoch'?: (number);
  'key_digest'?: (Buffer | Uint8Array | string);
  'fencing_token'?: (number | string | Long);
}

export interface RefreshCommitRequest__Output {
  'key': (_keyfrag_v1_KeyRef__Output | null);
  'epoch': (number);
  'key_digest': (Buffer);
  'fencing_token': (string);
}
