// Original file: keyfrag/v1/policy.proto

import type { Rule as _keyfrag_v1_Rule, Rule__Output as _keyfrag_v1_Rule__Output } from '../../keyfrag/v1/Rule.js';

export interface RolePermissions {
  'role_name'?: (string);
  'association_id'?: (string);
  'rules'?: (_keyfrag_v1_Rule)[];
}

export interface RolePermissions__Output {
  'role_name': (string);
  'association_id': (string);
  'rules': (_keyfrag_v1_Rule__Output)[];
}
