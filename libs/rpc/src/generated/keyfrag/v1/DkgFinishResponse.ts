// Original file: keyfrag/v1/fragment.proto

import type { KeyPublicData as _keyfrag_v1_KeyPublicData, KeyPublicData__Output as _keyfrag_v1_KeyPublicData__Output } from '../../keyfrag/v1/KeyPublicData.js';

export interface DkgFinishResponse {
  'key'?: (_keyfrag_v1_KeyPublicData | null);
}

export interface DkgFinishResponse__Output {
  'key': (_keyfrag_v1_KeyPublicData__Output | null);
}
