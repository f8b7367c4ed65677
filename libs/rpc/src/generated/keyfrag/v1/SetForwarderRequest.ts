// Original file: keyfrag/v1/audit.proto

import type { Forwarder as _keyfrag_v1_Forwarder, Forwarder__Output as _keyfrag_v1_Forwarder__Output } from '../../keyfrag/v1/Forwarder.js';

export interface SetForwarderRequest {
  'forwarder'?: (_keyfrag_v1_Forwarder | null);
}

export interface SetForwarderRequest__Output {
  'forwarder': (_keyfrag_v1_Forwarder__Output | null);
}
