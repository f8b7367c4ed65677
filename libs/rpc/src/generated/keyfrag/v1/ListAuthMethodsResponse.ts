// Original file: keyfrag/v1/auth.proto

import type { AuthMethod as _keyfrag_v1_AuthMethod, AuthMethod__Output as _keyfrag_v1_AuthMethod__Output } from '../../keyfrag/v1/AuthMethod.js';

export interface ListAuthMethodsResponse {
  'methods'?: (_keyfrag_v1_AuthMethod)[];
  'next_page_token'?: (string);
}

export interface ListAuthMethodsResponse__Output {
  'methods': (_keyfrag_v1_AuthMethod__Output)[];
  'next_page_token': (string);
}
