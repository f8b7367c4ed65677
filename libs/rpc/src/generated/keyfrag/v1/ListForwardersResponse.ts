// Original file: keyfrag/v1/audit.proto

import type { Forwarder as _keyfrag_v1_Forwarder, Forwarder__Output as _keyfrag_v1_Forwarder__Output } from '../../keyfrag/v1/Forwarder.js';

export interface ListForwardersResponse {
  'forwarders'?: (_keyfrag_v1_Forwarder)[];
}

export interface ListForwardersResponse__Output {
  'forwarders': (_keyfrag_v1_Forwarder__Output)[];
}
