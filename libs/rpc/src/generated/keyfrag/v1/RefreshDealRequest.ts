// Original file: keyfrag/v1/fragment.proto

import type { KeyRef as _keyfrag_v1_KeyRef, KeyRef__Output as _keyfrag_v1_KeyRef__Output } from '../../keyfrag/v1/KeyRef.js';
import type { Participant as _keyfrag_v1_Participant, Participant__Output as _keyfrag_v1_Participant__Output } from '../../keyfrag/v1/Participant.js';
import type { Long } from '@grpc/proto-loader';

export interface RefreshDealRequest {
  'session_id'?: (string);
  'key'?: (_keyfrag_v1_KeyRef | null);
  'epoch'?: (number);
  'participants'?: (_keyfrag_v1_Participant)[];
  'fencing_token'?: (number | string | Long);
}

export interface RefreshDealRequest__Output {
  'session_id': (string);
  'key': (_keyfrag_v1_KeyRef__Output | null);
  'epoch': (number);
  'participants': (_keyfrag_v1_Participant__Output)[];
  'fencing_token': (string);
}
