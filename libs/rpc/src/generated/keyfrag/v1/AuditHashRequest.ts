// Original file: keyfrag/v1/audit.proto


export interface AuditHashRequest {
  'value'?: (string);
}

export interface AuditHashRequest__Output {
  'value': (string);
}
