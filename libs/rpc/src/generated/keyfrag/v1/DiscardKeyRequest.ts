// Original file: keyfrag/v1/fragment.proto

import type { KeyRef as _keyfrag_v1_KeyRef, KeyRef__Output as _keyfrag_v1_KeyRef__Output } from '../../keyfrag/v1/KeyRef.js';
import type { Long } from '@grpc/proto-loader';

export interface DiscardKeyRequest {
  'key'?: (_keyfrag_v1_KeyRef | null);
  'fencing_token'?: (number | string | Long);
}

export interface DiscardKeyRequest__Output {
  'key': (_keyfrag_v1_KeyRef__Output | null);
  'fencing_token': (string);
}
