// Original file: keyfrag/v1/policy.proto

import type { Identity as _keyfrag_v1_Identity, Identity__Output as _keyfrag_v1_Identity__Output } from '../../keyfrag/v1/Identity.js';

export interface DescribePermissionsRequest {
  'identity'?: (_keyfrag_v1_Identity | null);
}

export interface DescribePermissionsRequest__Output {
  'identity': (_keyfrag_v1_Identity__Output | null);
}
