// Original file: keyfrag/v1/policy.proto

import type { StringList as _keyfrag_v1_StringList, StringList__Output as _keyfrag_v1_StringList__Output } from '../../keyfrag/v1/StringList.js';

export interface AssocRoleAuthMethodRequest {
  'role_name'?: (string);
  'access_id'?: (string);
  'sub_claims'?: ({[key: string]: _keyfrag_v1_StringList});
  'case_sensitive'?: (boolean);
}

export interface AssocRoleAuthMethodRequest__Output {
  'role_name': (string);
  'access_id': (string);
  'sub_claims': ({[key: string]: _keyfrag_v1_StringList__Output});
  'case_sensitive': (boolean);
}
