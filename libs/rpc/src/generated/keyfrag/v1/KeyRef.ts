// Original file: keyfrag/v1/common.proto


export interface KeyRef {
  'key_id'?: (Buffer | Uint8Array | string);
  'version'?: (number);
}

export interface KeyRef__Output {
  'key_id': (Buffer);
  'version': (number);
}
