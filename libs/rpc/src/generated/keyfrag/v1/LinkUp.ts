// Original file: keyfrag/v1/link.proto

import type { LinkReply as _keyfrag_v1_LinkReply, LinkReply__Output as _keyfrag_v1_LinkReply__Output } from '../../keyfrag/v1/LinkReply.js';

export interface LinkUp {
  'reply'?: (_keyfrag_v1_LinkReply | null);
  'frame'?: "reply";
}

export interface LinkUp__Output {
  'reply'?: (_keyfrag_v1_LinkReply__Output | null);
  'frame'?: "reply";
}
