// Original file: keyfrag/v1/fragment.proto

import type { KeyPublicData as _keyfrag_v1_KeyPublicData, KeyPublicData__Output as _keyfrag_v1_KeyPublicData__Output } from '../../keyfrag/v1/KeyPublicData.js';

export interface ExportFragmentResponse {
  'sealed_fragment'?: (Buffer | Uint8Array | string);
  'sender_identity_public_key'?: (Buffer | Uint8Array | string);
  'key'?: (_keyfrag_v1_KeyPublicData | null);
}

export interface ExportFragmentResponse__Output {
  'sealed_fragment': (Buffer);
  'sender_identity_public_key': (Buffer);
  'key': (_keyfrag_v1_KeyPublicData__Output | null);
}
