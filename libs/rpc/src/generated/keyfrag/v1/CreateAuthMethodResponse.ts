// Original file: keyfrag/v1/auth.proto

import type { AuthMethod as _keyfrag_v1_AuthMethod, AuthMethod__Output as _keyfrag_v1_AuthMethod__Output } from '../../keyfrag/v1/AuthMethod.js';

export interface CreateAuthMethodResponse {
  'method'?: (_keyfrag_v1_AuthMethod | null);
  'access_key'?: (string);
}

export interface CreateAuthMethodResponse__Output {
  'method': (_keyfrag_v1_AuthMethod__Output | null);
  'access_key': (string);
}
