// Original file: keyfrag/v1/audit.proto


export interface ExportChunk {
  'lines'?: (string);
}

export interface ExportChunk__Output {
  'lines': (string);
}
