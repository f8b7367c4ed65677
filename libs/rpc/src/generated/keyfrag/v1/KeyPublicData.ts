// Original file: keyfrag/v1/common.proto

import type { Suite as _keyfrag_v1_Suite, Suite__Output as _keyfrag_v1_Suite__Output } from '../../keyfrag/v1/Suite.js';

export interface KeyPublicData {
  'suite'?: (_keyfrag_v1_Suite);
  'threshold'?: (number);
  'slots'?: (number)[];
  'epoch'?: (number);
  'commitments'?: (Buffer | Uint8Array | string)[];
}

export interface KeyPublicData__Output {
  'suite': (_keyfrag_v1_Suite__Output);
  'threshold': (number);
  'slots': (number)[];
  'epoch': (number);
  'commitments': (Buffer)[];
}
