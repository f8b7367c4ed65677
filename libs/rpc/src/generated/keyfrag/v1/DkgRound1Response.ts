// Original file: keyfrag/v1/fragment.proto

import type { DkgRound1Message as _keyfrag_v1_DkgRound1Message, DkgRound1Message__Output as _keyfrag_v1_DkgRound1Message__Output } from '../../keyfrag/v1/DkgRound1Message.js';

export interface DkgRound1Response {
  'message'?: (_keyfrag_v1_DkgRound1Message | null);
}

export interface DkgRound1Response__Output {
  'message': (_keyfrag_v1_DkgRound1Message__Output | null);
}
