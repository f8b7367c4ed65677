// Original file: keyfrag/v1/coordinator.proto

import type { KeyEpochInfo as _keyfrag_v1_KeyEpochInfo, KeyEpochInfo__Output as _keyfrag_v1_KeyEpochInfo__Output } from '../../keyfrag/v1/KeyEpochInfo.js';
import type { Long } from '@grpc/proto-loader';

export interface NodeInfo {
  'node_id'?: (string);
  'region'?: (string);
  'zone'?: (string);
  'slot'?: (number);
  'address'?: (string);
  'healthy'?: (boolean);
  'last_seen_ms'?: (number | string | Long);
  'keys'?: (_keyfrag_v1_KeyEpochInfo)[];
  'key_versions_held'?: (number);
}

export interface NodeInfo__Output {
  'node_id': (string);
  'region': (string);
  'zone': (string);
  'slot': (number);
  'address': (string);
  'healthy': (boolean);
  'last_seen_ms': (string);
  'keys': (_keyfrag_v1_KeyEpochInfo__Output)[];
  'key_versions_held': (number);
}
