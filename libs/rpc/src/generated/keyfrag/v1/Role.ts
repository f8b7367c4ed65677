// Original file: keyfrag/v1/policy.proto

import type { Rule as _keyfrag_v1_Rule, Rule__Output as _keyfrag_v1_Rule__Output } from '../../keyfrag/v1/Rule.js';
import type { Long } from '@grpc/proto-loader';

export interface Role {
  'name'?: (string);
  'description'?: (string);
  'rules'?: (_keyfrag_v1_Rule)[];
  'created_at_ms'?: (number | string | Long);
  'updated_at_ms'?: (number | string | Long);
}

export interface Role__Output {
  'name': (string);
  'description': (string);
  'rules': (_keyfrag_v1_Rule__Output)[];
  'created_at_ms': (string);
  'updated_at_ms': (string);
}
