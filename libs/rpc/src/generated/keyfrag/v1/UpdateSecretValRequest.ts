// Original file: keyfrag/v1/gateway.proto


export interface UpdateSecretValRequest {
  'name'?: (string);
  'value'?: (Buffer | Uint8Array | string);
  'check_and_set'?: (boolean);
  'expected_version'?: (number);
}

export interface UpdateSecretValRequest__Output {
  'name': (string);
  'value': (Buffer);
  'check_and_set': (boolean);
  'expected_version': (number);
}
