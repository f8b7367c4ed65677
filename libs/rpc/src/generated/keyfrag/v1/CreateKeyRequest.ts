// Original file: keyfrag/v1/coordinator.proto

import type { KeyAlgorithm as _keyfrag_v1_KeyAlgorithm, KeyAlgorithm__Output as _keyfrag_v1_KeyAlgorithm__Output } from '../../keyfrag/v1/KeyAlgorithm.js';

export interface CreateKeyRequest {
  'name'?: (string);
  'algorithm'?: (_keyfrag_v1_KeyAlgorithm);
  'slots'?: (number);
  'threshold'?: (number);
  'customer_slot'?: (boolean);
  'customer_frg_id'?: (string);
  'gateway_customer_slot'?: (number);
}

export interface CreateKeyRequest__Output {
  'name': (string);
  'algorithm': (_keyfrag_v1_KeyAlgorithm__Output);
  'slots': (number);
  'threshold': (number);
  'customer_slot': (boolean);
  'customer_frg_id': (string);
  'gateway_customer_slot': (number);
}
