// Original file: keyfrag/v1/audit.proto


export interface AuditHashResponse {
  'hash'?: (string);
}

export interface AuditHashResponse__Output {
  'hash': (string);
}
