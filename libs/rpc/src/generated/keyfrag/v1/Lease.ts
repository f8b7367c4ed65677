// Original file: keyfrag/v1/producers.proto

import type { Long } from '@grpc/proto-loader';

export interface Lease {
  'id'?: (string);
  'dynamic_secret'?: (string);
  'target'?: (string);
  'type'?: (string);
  'external_id'?: (string);
  'created_at_ms'?: (number | string | Long);
  'expires_at_ms'?: (number | string | Long);
  'max_expires_at_ms'?: (number | string | Long);
  'state'?: (string);
  'last_error'?: (string);
  'failing_since_ms'?: (number | string | Long);
  'revoke_attempts'?: (number);
  'access_id'?: (string);
  'revoked_at_ms'?: (number | string | Long);
}

export interface Lease__Output {
  'id': (string);
  'dynamic_secret': (string);
  'target': (string);
  'type': (string);
  'external_id': (string);
  'created_at_ms': (string);
  'expires_at_ms': (string);
  'max_expires_at_ms': (string);
  'state': (string);
  'last_error': (string);
  'failing_since_ms': (string);
  'revoke_attempts': (number);
  'access_id': (string);
  'revoked_at_ms': (string);
}
