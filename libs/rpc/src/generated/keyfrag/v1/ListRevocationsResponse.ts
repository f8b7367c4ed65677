// Original file: keyfrag/v1/auth.proto

import type { Revocation as _keyfrag_v1_Revocation, Revocation__Output as _keyfrag_v1_Revocation__Output } from '../../keyfrag/v1/Revocation.js';

export interface ListRevocationsResponse {
  'revocations'?: (_keyfrag_v1_Revocation)[];
  'next_page_token'?: (string);
}

export interface ListRevocationsResponse__Output {
  'revocations': (_keyfrag_v1_Revocation__Output)[];
  'next_page_token': (string);
}
