// Original file: keyfrag/v1/fragment.proto

import type { RefreshDealing as _keyfrag_v1_RefreshDealing, RefreshDealing__Output as _keyfrag_v1_RefreshDealing__Output } from '../../keyfrag/v1/RefreshDealing.js';

export interface RefreshDealResponse {
  'dealing'?: (_keyfrag_v1_RefreshDealing | null);
}

export interface RefreshDealResponse__Output {
  'dealing': (_keyfrag_v1_RefreshDealing__Output | null);
}
