// Original file: keyfrag/v1/gateway.proto


export interface DecryptResponse {
  'plaintext'?: (Buffer | Uint8Array | string);
}

export interface DecryptResponse__Output {
  'plaintext': (Buffer);
}
