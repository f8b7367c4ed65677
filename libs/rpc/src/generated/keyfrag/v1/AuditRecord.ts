// Original file: keyfrag/v1/audit.proto

import type { AuditActor as _keyfrag_v1_AuditActor, AuditActor__Output as _keyfrag_v1_AuditActor__Output } from '../../keyfrag/v1/AuditActor.js';
import type { Long } from '@grpc/proto-loader';

export interface AuditRecord {
  'seq'?: (number | string | Long);
  'id'?: (string);
  'time_ms'?: (number | string | Long);
  'service'?: (string);
  'actor'?: (_keyfrag_v1_AuditActor | null);
  'action'?: (string);
  'path'?: (string);
  'result'?: (string);
  'request_id'?: (string);
  'lease_id'?: (string);
  'reason'?: (string);
  'fields'?: ({[key: string]: string});
  'prev_hash'?: (string);
  'hash'?: (string);
}

export interface AuditRecord__Output {
  'seq': (string);
  'id': (string);
  'time_ms': (string);
  'service': (string);
  'actor': (_keyfrag_v1_AuditActor__Output | null);
  'action': (string);
  'path': (string);
  'result': (string);
  'request_id': (string);
  'lease_id': (string);
  'reason': (string);
  'fields': ({[key: string]: string});
  'prev_hash': (string);
  'hash': (string);
}
