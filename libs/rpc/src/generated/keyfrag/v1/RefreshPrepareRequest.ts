// Original file: keyfrag/v1/fragment.proto

import type { KeyRef as _keyfrag_v1_KeyRef, KeyRef__Output as _keyfrag_v1_KeyRef__Output } from '../../keyfrag/v1/KeyRef.js';
import type { RefreshDealing as _keyfrag_v1_RefreshDealing, RefreshDealing__Output as _keyfrag_v1_RefreshDealing__Output } from '../../keyfrag/v1/RefreshDealing.js';
import type { Long } from '@grpc/proto-loader';

export interface RefreshPrepareRequest {
  'session_id'?: (string);
  'key'?: (_keyfrag_v1_KeyRef | null);
  'epoch'?: (number);
  'dealings'?: (_keyfrag_v1_RefreshDealing)[];
  'fencing_token'?: (number | string | Long);
}

export interface RefreshPrepareRequest__Output {
  'session_id': (string);
  'key': (_keyfrag_v1_KeyRef__Output | null);
  'epoch': (number);
  'dealings': (_keyfrag_v1_RefreshDealing__Output)[];
  'fencing_token': (string);
}
