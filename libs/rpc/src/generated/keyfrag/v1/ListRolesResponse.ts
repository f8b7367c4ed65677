// Original file: keyfrag/v1/policy.proto

import type { Role as _keyfrag_v1_Role, Role__Output as _keyfrag_v1_Role__Output } from '../../keyfrag/v1/Role.js';

export interface ListRolesResponse {
  'roles'?: (_keyfrag_v1_Role)[];
  'next_page_token'?: (string);
}

export interface ListRolesResponse__Output {
  'roles': (_keyfrag_v1_Role__Output)[];
  'next_page_token': (string);
}
