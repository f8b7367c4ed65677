// Original file: keyfrag/v1/fragment.proto

import type { KeyRef as _keyfrag_v1_KeyRef, KeyRef__Output as _keyfrag_v1_KeyRef__Output } from '../../keyfrag/v1/KeyRef.js';
import type { KeyPublicData as _keyfrag_v1_KeyPublicData, KeyPublicData__Output as _keyfrag_v1_KeyPublicData__Output } from '../../keyfrag/v1/KeyPublicData.js';
import type { Long } from '@grpc/proto-loader';

export interface CatchUpRequest {
  'key'?: (_keyfrag_v1_KeyRef | null);
  'public_data'?: (_keyfrag_v1_KeyPublicData | null);
  'pending'?: (boolean);
  'source_address'?: (string);
  'fencing_token'?: (number | string | Long);
}

export interface CatchUpRequest__Output {
  'key': (_keyfrag_v1_KeyRef__Output | null);
  'public_data': (_keyfrag_v1_KeyPublicData__Output | null);
  'pending': (boolean);
  'source_address': (string);
  'fencing_token': (string);
}
