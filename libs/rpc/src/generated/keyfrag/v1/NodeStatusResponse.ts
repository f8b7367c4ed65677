// Original file: keyfrag/v1/fragment.proto

import type { KeyEpoch as _keyfrag_v1_KeyEpoch, KeyEpoch__Output as _keyfrag_v1_KeyEpoch__Output } from '../../keyfrag/v1/KeyEpoch.js';

export interface NodeStatusResponse {
  'node_id'?: (string);
  'region'?: (string);
  'zone'?: (string);
  'slot'?: (number);
  'identity_public_key'?: (Buffer | Uint8Array | string);
  'keys'?: (_keyfrag_v1_KeyEpoch)[];
}

export interface NodeStatusResponse__Output {
  'node_id': (string);
  'region': (string);
  'zone': (string);
  'slot': (number);
  'identity_public_key': (Buffer);
  'keys': (_keyfrag_v1_KeyEpoch__Output)[];
}
