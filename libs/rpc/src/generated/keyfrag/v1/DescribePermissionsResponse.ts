// Original file: keyfrag/v1/policy.proto

import type { RolePermissions as _keyfrag_v1_RolePermissions, RolePermissions__Output as _keyfrag_v1_RolePermissions__Output } from '../../keyfrag/v1/RolePermissions.js';

export interface DescribePermissionsResponse {
  'roles'?: (_keyfrag_v1_RolePermissions)[];
}

export interface DescribePermissionsResponse__Output {
  'roles': (_keyfrag_v1_RolePermissions__Output)[];
}
