// Original file: keyfrag/v1/gateway.proto


export interface EncryptRequest {
  'key_name'?: (string);
  'plaintext'?: (Buffer | Uint8Array | string);
  'context'?: ({[key: string]: string});
}

export interface EncryptRequest__Output {
  'key_name': (string);
  'plaintext': (Buffer);
  'context': ({[key: string]: string});
}
