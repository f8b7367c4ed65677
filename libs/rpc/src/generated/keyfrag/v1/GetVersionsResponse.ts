// Original file: keyfrag/v1/secrets.proto

import type { StoredVersion as _keyfrag_v1_StoredVersion, StoredVersion__Output as _keyfrag_v1_StoredVersion__Output } from '../../keyfrag/v1/StoredVersion.js';

export interface GetVersionsResponse {
  'versions'?: (_keyfrag_v1_StoredVersion)[];
}

export interface GetVersionsResponse__Output {
  'versions': (_keyfrag_v1_StoredVersion__Output)[];
}
