// Original file: keyfrag/v1/audit.proto

import type { AuditRecord as _keyfrag_v1_AuditRecord, AuditRecord__Output as _keyfrag_v1_AuditRecord__Output } from '../../keyfrag/v1/AuditRecord.js';

export interface QueryEventsResponse {
  'records'?: (_keyfrag_v1_AuditRecord)[];
  'next_page_token'?: (string);
}

export interface QueryEventsResponse__Output {
  'records': (_keyfrag_v1_AuditRecord__Output)[];
  'next_page_token': (string);
}
