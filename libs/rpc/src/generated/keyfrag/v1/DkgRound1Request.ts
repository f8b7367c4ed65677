// Original file: keyfrag/v1/fragment.proto

import type { KeyRef as _keyfrag_v1_KeyRef, KeyRef__Output as _keyfrag_v1_KeyRef__Output } from '../../keyfrag/v1/KeyRef.js';
import type { Suite as _keyfrag_v1_Suite, Suite__Output as _keyfrag_v1_Suite__Output } from '../../keyfrag/v1/Suite.js';
import type { Participant as _keyfrag_v1_Participant, Participant__Output as _keyfrag_v1_Participant__Output } from '../../keyfrag/v1/Participant.js';
import type { Long } from '@grpc/proto-loader';

export interface DkgRound1Request {
  'session_id'?: (string);
  'key'?: (_keyfrag_v1_KeyRef | null);
  'suite'?: (_keyfrag_v1_Suite);
  'threshold'?: (number);
  'participants'?: (_keyfrag_v1_Participant)[];
  'fencing_token'?: (number | string | Long);
}

export interface DkgRound1Request__Output {
  'session_id': (string);
  'key': (_keyfrag_v1_KeyRef__Output | null);
  'suite': (_keyfrag_v1_Suite__Output);
  'threshold': (number);
  'participants': (_keyfrag_v1_Participant__Output)[];
  'fencing_token': (string);
}
