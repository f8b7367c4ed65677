// Original file: keyfrag/v1/fragment.proto

import type { KeyRef as _keyfrag_v1_KeyRef, KeyRef__Output as _keyfrag_v1_KeyRef__Output } from '../../keyfrag/v1/KeyRef.js';

export interface SignPreprocessRequest {
  'key'?: (_keyfrag_v1_KeyRef | null);
  'epoch'?: (number);
  'count'?: (number);
}

export interface SignPreprocessRequest__Output {
  'key': (_keyfrag_v1_KeyRef__Output | null);
  'epoch': (number);
  'count': (number);
}
