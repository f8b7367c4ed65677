// Original file: keyfrag/v1/auth.proto

import type { Long } from '@grpc/proto-loader';

export interface Revocation {
  'jti'?: (string);
  'access_id'?: (string);
  'issued_before_ms'?: (number | string | Long);
  'expires_at_ms'?: (number | string | Long);
}

export interface Revocation__Output {
  'jti': (string);
  'access_id': (string);
  'issued_before_ms': (string);
  'expires_at_ms': (string);
}
