// Original file: keyfrag/v1/gateway.proto


export interface SignResponse {
  'signature'?: (Buffer | Uint8Array | string);
  'key_version'?: (number);
}

export interface SignResponse__Output {
  'signature': (Buffer);
  'key_version': (number);
}
