// Original file: keyfrag/v1/fragment.proto

import type { KeyRef as _keyfrag_v1_KeyRef, KeyRef__Output as _keyfrag_v1_KeyRef__Output } from '../../keyfrag/v1/KeyRef.js';

export interface HeldKey {
  'key'?: (_keyfrag_v1_KeyRef | null);
  'epoch'?: (number);
  'digest'?: (Buffer | Uint8Array | string);
  'pending'?: (boolean);
  'pending_epoch'?: (number);
  'pending_digest'?: (Buffer | Uint8Array | string);
}

export interface HeldKey__Output {
  'key': (_keyfrag_v1_KeyRef__Output | null);
  'epoch': (number);
  'digest': (Buffer);
  'pending': (boolean);
  'pending_epoch': (number);
  'pending_digest': (Buffer);
}
