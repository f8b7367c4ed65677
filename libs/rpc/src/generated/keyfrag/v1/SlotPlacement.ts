// Original file: keyfrag/v1/coordinator.proto

import type { Replica as _keyfrag_v1_Replica, Replica__Output as _keyfrag_v1_Replica__Output } from '../../keyfrag/v1/Replica.js';

export interface SlotPlacement {
  'slot'?: (number);
  'replicas'?: (_keyfrag_v1_Replica)[];
}

export interface SlotPlacement__Output {
  'slot': (number);
  'replicas': (_keyfrag_v1_Replica__Output)[];
}
