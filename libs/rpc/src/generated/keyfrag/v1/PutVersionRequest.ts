// Original file: keyfrag/v1/secrets.proto


export interface PutVersionRequest {
  'name'?: (string);
  'ciphertext'?: (Buffer | Uint8Array | string);
  'key_name'?: (string);
  'key_version'?: (number);
  'check_and_set'?: (boolean);
  'expected_version'?: (number);
  'check_item'?: (boolean);
  'expected_type'?: (string);
  'expected_key_name'?: (string);
}

export interface PutVersionRequest__Output {
  'name': (string);
  'ciphertext': (Buffer);
  'key_name': (string);
  'key_version': (number);
  'check_and_set': (boolean);
  'expected_version': (number);
  'check_item': (boolean);
  'expected_type': (string);
  'expected_key_name': (string);
}
