// Original file: keyfrag/v1/fragment.proto

import type { KeyRef as _keyfrag_v1_KeyRef, KeyRef__Output as _keyfrag_v1_KeyRef__Output } from '../../keyfrag/v1/KeyRef.js';
import type { Long } from '@grpc/proto-loader';

export interface RefreshAbortRequest {
  'key'?: (_keyfrag_v1_KeyRef | null);
  'epoch'?: (number);
  'fencing_token'?: (number | string | Long);
}

export interface RefreshAbortRequest__Output {
  'key': (_keyfrag_v1_KeyRef__Output | null);
  'epoch': (number);
  'fencing_token': (string);
}
