// Original file: keyfrag/v1/fragment.proto

import type { DkgRound1Message as _keyfrag_v1_DkgRound1Message, DkgRound1Message__Output as _keyfrag_v1_DkgRound1Message__Output } from '../../keyfrag/v1/DkgRound1Message.js';
import type { Long } from '@grpc/proto-loader';

export interface DkgRound2Request {
  'session_id'?: (string);
  'round1'?: (_keyfrag_v1_DkgRound1Message)[];
  'fencing_token'?: (number | string | Long);
}

export interface DkgRound2Request__Output {
  'session_id': (string);
  'round1': (_keyfrag_v1_DkgRound1Message__Output)[];
  'fencing_token': (string);
}
