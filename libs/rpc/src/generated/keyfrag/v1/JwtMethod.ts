// Original file: keyfrag/v1/auth.proto

import type { StringList as _keyfrag_v1_StringList, StringList__Output as _keyfrag_v1_StringList__Output } from '../../keyfrag/v1/StringList.js';

export interface JwtMethod {
  'issuer'?: (string);
  'jwks_url'?: (string);
  'public_keys'?: (string)[];
  'audiences'?: (string)[];
  'required_claims'?: ({[key: string]: _keyfrag_v1_StringList});
  'unique_identifier'?: (string);
  'bound_cidrs'?: (string)[];
}

export interface JwtMethod__Output {
  'issuer': (string);
  'jwks_url': (string);
  'public_keys': (string)[];
  'audiences': (string)[];
  'required_claims': ({[key: string]: _keyfrag_v1_StringList__Output});
  'unique_identifier': (string);
  'bound_cidrs': (string)[];
}
