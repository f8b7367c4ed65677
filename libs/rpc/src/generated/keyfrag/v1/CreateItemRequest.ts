// Original file: keyfrag/v1/secrets.proto

import type { DfcKeySpec as _keyfrag_v1_DfcKeySpec, DfcKeySpec__Output as _keyfrag_v1_DfcKeySpec__Output } from '../../keyfrag/v1/DfcKeySpec.js';
import type { SealedKeySpec as _keyfrag_v1_SealedKeySpec, SealedKeySpec__Output as _keyfrag_v1_SealedKeySpec__Output } from '../../keyfrag/v1/SealedKeySpec.js';

export interface CreateItemRequest {
  'name'?: (string);
  'type'?: (string);
  'description'?: (string);
  'tags'?: (string)[];
  'key_name'?: (string);
  'max_versions'?: (number);
  'ciphertext'?: (Buffer | Uint8Array | string);
  'key_version'?: (number);
  'dfc_key'?: (_keyfrag_v1_DfcKeySpec | null);
  'sealed_key'?: (_keyfrag_v1_SealedKeySpec | null);
}

export interface CreateItemRequest__Output {
  'name': (string);
  'type': (string);
  'description': (string);
  'tags': (string)[];
  'key_name': (string);
  'max_versions': (number);
  'ciphertext': (Buffer);
  'key_version': (number);
  'dfc_key': (_keyfrag_v1_DfcKeySpec__Output | null);
  'sealed_key': (_keyfrag_v1_SealedKeySpec__Output | null);
}
