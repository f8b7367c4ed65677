// Original file: keyfrag/v1/policy.proto

import type { Rule as _keyfrag_v1_Rule, Rule__Output as _keyfrag_v1_Rule__Output } from '../../keyfrag/v1/Rule.js';

export interface AuthorizeResponse {
  'allowed'?: (boolean);
  'role_name'?: (string);
  'rule'?: (_keyfrag_v1_Rule | null);
  'reason'?: (string);
}

export interface AuthorizeResponse__Output {
  'allowed': (boolean);
  'role_name': (string);
  'rule': (_keyfrag_v1_Rule__Output | null);
  'reason': (string);
}
