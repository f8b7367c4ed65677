// Original file: keyfrag/v1/gateway.proto


export interface RotateKeyRequest {
  'name'?: (string);
}

export interface RotateKeyRequest__Output {
  'name': (string);
}
