// Original file: keyfrag/v1/gateway.proto


export interface SignRequest {
  'key_name'?: (string);
  'data'?: (Buffer | Uint8Array | string);
  'version'?: (number);
}

export interface SignRequest__Output {
  'key_name': (string);
  'data': (Buffer);
  'version': (number);
}
