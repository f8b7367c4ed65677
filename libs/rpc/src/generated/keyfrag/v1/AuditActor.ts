// Original file: keyfrag/v1/audit.proto

import type { StringList as _keyfrag_v1_StringList, StringList__Output as _keyfrag_v1_StringList__Output } from '../../keyfrag/v1/StringList.js';

export interface AuditActor {
  'auth_method'?: (string);
  'access_id'?: (string);
  'sub_claims'?: ({[key: string]: _keyfrag_v1_StringList});
  'source_address'?: (string);
}

export interface AuditActor__Output {
  'auth_method': (string);
  'access_id': (string);
  'sub_claims': ({[key: string]: _keyfrag_v1_StringList__Output});
  'source_address': (string);
}
