// Original file: keyfrag/v1/gateway.proto


export interface DecryptRequest {
  'key_name'?: (string);
  'ciphertext'?: (Buffer | Uint8Array | string);
  'context'?: ({[key: string]: string});
}

export interface DecryptRequest__Output {
  'key_name': (string);
  'ciphertext': (Buffer);
  'context': ({[key: string]: string});
}
