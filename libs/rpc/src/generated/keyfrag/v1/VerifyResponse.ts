// Original file: keyfrag/v1/gateway.proto


export interface VerifyResponse {
  'valid'?: (boolean);
}

export interface VerifyResponse__Output {
  'valid': (boolean);
}
