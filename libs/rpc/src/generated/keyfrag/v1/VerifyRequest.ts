// Original file: keyfrag/v1/gateway.proto


export interface VerifyRequest {
  'key_name'?: (string);
  'data'?: (Buffer | Uint8Array | string);
  'signature'?: (Buffer | Uint8Array | string);
  'version'?: (number);
}

export interface VerifyRequest__Output {
  'key_name': (string);
  'data': (Buffer);
  'signature': (Buffer);
  'version': (number);
}
