// Original file: keyfrag/v1/common.proto

import type { StringList as _keyfrag_v1_StringList, StringList__Output as _keyfrag_v1_StringList__Output } from '../../keyfrag/v1/StringList.js';

export interface Identity {
  'access_id'?: (string);
  'auth_method'?: (string);
  'auth_type'?: (string);
  'sub_claims'?: ({[key: string]: _keyfrag_v1_StringList});
}

export interface Identity__Output {
  'access_id': (string);
  'auth_method': (string);
  'auth_type': (string);
  'sub_claims': ({[key: string]: _keyfrag_v1_StringList__Output});
}
