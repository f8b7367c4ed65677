// Original file: keyfrag/v1/fragment.proto

import type { DkgRound2Package as _keyfrag_v1_DkgRound2Package, DkgRound2Package__Output as _keyfrag_v1_DkgRound2Package__Output } from '../../keyfrag/v1/DkgRound2Package.js';

export interface DkgRound2Response {
  'packages'?: (_keyfrag_v1_DkgRound2Package)[];
}

export interface DkgRound2Response__Output {
  'packages': (_keyfrag_v1_DkgRound2Package__Output)[];
}
