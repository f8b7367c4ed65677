// Original file: keyfrag/v1/coordinator.proto

import type { NodeInfo as _keyfrag_v1_NodeInfo, NodeInfo__Output as _keyfrag_v1_NodeInfo__Output } from '../../keyfrag/v1/NodeInfo.js';
import type { KeySummary as _keyfrag_v1_KeySummary, KeySummary__Output as _keyfrag_v1_KeySummary__Output } from '../../keyfrag/v1/KeySummary.js';
import type { ServiceHealth as _keyfrag_v1_ServiceHealth, ServiceHealth__Output as _keyfrag_v1_ServiceHealth__Output } from '../../keyfrag/v1/ServiceHealth.js';
import type { Long } from '@grpc/proto-loader';

export interface ClusterStatusResponse {
  'coordinator_id'?: (string);
  'leader'?: (boolean);
  'fencing_token'?: (number | string | Long);
  'nodes'?: (_keyfrag_v1_NodeInfo)[];
  'keys'?: (_keyfrag_v1_KeySummary)[];
  'services'?: (_keyfrag_v1_ServiceHealth)[];
  'next_page_token'?: (string);
  'key_count'?: (number);
}

export interface ClusterStatusResponse__Output {
  'coordinator_id': (string);
  'leader': (boolean);
  'fencing_token': (string);
  'nodes': (_keyfrag_v1_NodeInfo__Output)[];
  'keys': (_keyfrag_v1_KeySummary__Output)[];
  'services': (_keyfrag_v1_ServiceHealth__Output)[];
  'next_page_token': (string);
  'key_count': (number);
}
