// Original file: keyfrag/v1/auth.proto

import type { Identity as _keyfrag_v1_Identity, Identity__Output as _keyfrag_v1_Identity__Output } from '../../keyfrag/v1/Identity.js';
import type { Long } from '@grpc/proto-loader';

export interface AuthenticateResponse {
  'token'?: (string);
  'expires_at_ms'?: (number | string | Long);
  'identity'?: (_keyfrag_v1_Identity | null);
}

export interface AuthenticateResponse__Output {
  'token': (string);
  'expires_at_ms': (string);
  'identity': (_keyfrag_v1_Identity__Output | null);
}
