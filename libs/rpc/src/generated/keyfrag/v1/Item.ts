// Original file: keyfrag/v1/secrets.proto

import type { VersionInfo as _keyfrag_v1_VersionInfo, VersionInfo__Output as _keyfrag_v1_VersionInfo__Output } from '../../keyfrag/v1/VersionInfo.js';
import type { DfcKeySpec as _keyfrag_v1_DfcKeySpec, DfcKeySpec__Output as _keyfrag_v1_DfcKeySpec__Output } from '../../keyfrag/v1/DfcKeySpec.js';
import type { SealedKeySpec as _keyfrag_v1_SealedKeySpec, SealedKeySpec__Output as _keyfrag_v1_SealedKeySpec__Output } from '../../keyfrag/v1/SealedKeySpec.js';
import type { Long } from '@grpc/proto-loader';

export interface Item {
  'name'?: (string);
  'type'?: (string);
  'description'?: (string);
  'tags'?: (string)[];
  'created_at_ms'?: (number | string | Long);
  'updated_at_ms'?: (number | string | Long);
  'deleted'?: (boolean);
  'deleted_at_ms'?: (number | string | Long);
  'key_name'?: (string);
  'max_versions'?: (number);
  'current_version'?: (number);
  'versions'?: (_keyfrag_v1_VersionInfo)[];
  'dfc_key'?: (_keyfrag_v1_DfcKeySpec | null);
  'sealed_key'?: (_keyfrag_v1_SealedKeySpec | null);
}

export interface Item__Output {
  'name': (string);
  'type': (string);
  'description': (string);
  'tags': (string)[];
  'created_at_ms': (string);
  'updated_at_ms': (string);
  'deleted': (boolean);
  'deleted_at_ms': (string);
  'key_name': (string);
  'max_versions': (number);
  'current_version': (number);
  'versions': (_keyfrag_v1_VersionInfo__Output)[];
  'dfc_key': (_keyfrag_v1_DfcKeySpec__Output | null);
  'sealed_key': (_keyfrag_v1_SealedKeySpec__Output | null);
}
