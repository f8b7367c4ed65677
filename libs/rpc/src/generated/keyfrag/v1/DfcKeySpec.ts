// Original file: keyfrag/v1/secrets.proto

import type { Long } from '@grpc/proto-loader';

export interface DfcKeySpec {
  'algorithm'?: (string);
  'slots'?: (number);
  'threshold'?: (number);
  'customer_slot'?: (boolean);
  'rotation_interval_days'?: (number);
  'current_version'?: (number);
  'last_rotated_at_ms'?: (number | string | Long);
  'customer_frg_id'?: (string);
  'customer_fragment_slot'?: (number);
}

export interface DfcKeySpec__Output {
  'algorithm': (string);
  'slots': (number);
  'threshold': (number);
  'customer_slot': (boolean);
  'rotation_interval_days': (number);
  'current_version': (number);
  'last_rotated_at_ms': (string);
  'customer_frg_id': (string);
  'customer_fragment_slot': (number);
}
