// Original file: keyfrag/v1/policy.proto

import type { StringList as _keyfrag_v1_StringList, StringList__Output as _keyfrag_v1_StringList__Output } from '../../keyfrag/v1/StringList.js';
import type { Long } from '@grpc/proto-loader';

export interface Association {
  'id'?: (string);
  'role_name'?: (string);
  'access_id'?: (string);
  'sub_claims'?: ({[key: string]: _keyfrag_v1_StringList});
  'case_sensitive'?: (boolean);
  'created_at_ms'?: (number | string | Long);
}

export interface Association__Output {
  'id': (string);
  'role_name': (string);
  'access_id': (string);
  'sub_claims': ({[key: string]: _keyfrag_v1_StringList__Output});
  'case_sensitive': (boolean);
  'created_at_ms': (string);
}
