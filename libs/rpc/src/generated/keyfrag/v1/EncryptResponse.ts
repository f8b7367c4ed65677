// Original file: keyfrag/v1/gateway.proto


export interface EncryptResponse {
  'ciphertext'?: (Buffer | Uint8Array | string);
  'key_version'?: (number);
}

export interface EncryptResponse__Output {
  'ciphertext': (Buffer);
  'key_version': (number);
}
