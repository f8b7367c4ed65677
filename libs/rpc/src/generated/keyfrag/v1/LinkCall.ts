// Original file: keyfrag/v1/link.proto


export interface LinkCall {
  'id'?: (number);
  'method'?: (string);
  'request'?: (Buffer | Uint8Array | string);
  'deadline_ms'?: (number);
}

export interface LinkCall__Output {
  'id': (number);
  'method': (string);
  'request': (Buffer);
  'deadline_ms': (number);
}
