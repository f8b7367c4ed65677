// Original file: keyfrag/v1/link.proto

import type { LinkCall as _keyfrag_v1_LinkCall, LinkCall__Output as _keyfrag_v1_LinkCall__Output } from '../../keyfrag/v1/LinkCall.js';
import type { LinkCancel as _keyfrag_v1_LinkCancel, LinkCancel__Output as _keyfrag_v1_LinkCancel__Output } from '../../keyfrag/v1/LinkCancel.js';

export interface LinkDown {
  'call'?: (_keyfrag_v1_LinkCall | null);
  'cancel'?: (_keyfrag_v1_LinkCancel | null);
  'frame'?: "call"|"cancel";
}

export interface LinkDown__Output {
  'call'?: (_keyfrag_v1_LinkCall__Output | null);
  'cancel'?: (_keyfrag_v1_LinkCancel__Output | null);
  'frame'?: "call"|"cancel";
}
