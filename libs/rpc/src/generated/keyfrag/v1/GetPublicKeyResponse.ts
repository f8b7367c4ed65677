// Original file: keyfrag/v1/gateway.proto


export interface GetPublicKeyResponse {
  'algorithm'?: (string);
  'version'?: (number);
  'public_key'?: (Buffer | Uint8Array | string);
  'public_key_pem'?: (string);
}

export interface GetPublicKeyResponse__Output {
  'algorithm': (string);
  'version': (number);
  'public_key': (Buffer);
  'public_key_pem': (string);
}
