// Original file: keyfrag/v1/coordinator.proto

import type { KeyRef as _keyfrag_v1_KeyRef, KeyRef__Output as _keyfrag_v1_KeyRef__Output } from '../../keyfrag/v1/KeyRef.js';
import type { KeyAlgorithm as _keyfrag_v1_KeyAlgorithm, KeyAlgorithm__Output as _keyfrag_v1_KeyAlgorithm__Output } from '../../keyfrag/v1/KeyAlgorithm.js';
import type { KeyPublicData as _keyfrag_v1_KeyPublicData, KeyPublicData__Output as _keyfrag_v1_KeyPublicData__Output } from '../../keyfrag/v1/KeyPublicData.js';
import type { SlotPlacement as _keyfrag_v1_SlotPlacement, SlotPlacement__Output as _keyfrag_v1_SlotPlacement__Output } from '../../keyfrag/v1/SlotPlacement.js';
import type { Long } from '@grpc/proto-loader';

export interface KeyInfo {
  'name'?: (string);
  'ref'?: (_keyfrag_v1_KeyRef | null);
  'algorithm'?: (_keyfrag_v1_KeyAlgorithm);
  'public_data'?: (_keyfrag_v1_KeyPublicData | null);
  'placement'?: (_keyfrag_v1_SlotPlacement)[];
  'created_at_ms'?: (number | string | Long);
  'last_refresh_at_ms'?: (number | string | Long);
  'customer_fragment_slot'?: (number);
  'customer_frg_id'?: (string);
}

export interface KeyInfo__Output {
  'name': (string);
  'ref': (_keyfrag_v1_KeyRef__Output | null);
  'algorithm': (_keyfrag_v1_KeyAlgorithm__Output);
  'public_data': (_keyfrag_v1_KeyPublicData__Output | null);
  'placement': (_keyfrag_v1_SlotPlacement__Output)[];
  'created_at_ms': (string);
  'last_refresh_at_ms': (string);
  'customer_fragment_slot': (number);
  'customer_frg_id': (string);
}
