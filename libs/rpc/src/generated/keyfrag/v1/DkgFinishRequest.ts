// Original file: keyfrag/v1/fragment.proto

import type { DkgRound2Package as _keyfrag_v1_DkgRound2Package, DkgRound2Package__Output as _keyfrag_v1_DkgRound2Package__Output } from '../../keyfrag/v1/DkgRound2Package.js';
import type { Long } from '@grpc/proto-loader';

export interface DkgFinishRequest {
  'session_id'?: (string);
  'packages'?: (_keyfrag_v1_DkgRound2Package)[];
  'fencing_token'?: (number | string | Long);
}

export interface DkgFinishRequest__Output {
  'session_id': (string);
  'packages': (_keyfrag_v1_DkgRound2Package__Output)[];
  'fencing_token': (string);
}
