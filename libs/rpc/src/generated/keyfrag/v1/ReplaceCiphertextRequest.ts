// Original file: keyfrag/v1/secrets.proto


export interface ReplaceCiphertextRequest {
  'name'?: (string);
  'version'?: (number);
  'expected_ciphertext'?: (Buffer | Uint8Array | string);
  'ciphertext'?: (Buffer | Uint8Array | string);
  'key_name'?: (string);
  'key_version'?: (number);
}

export interface ReplaceCiphertextRequest__Output {
  'name': (string);
  'version': (number);
  'expected_ciphertext': (Buffer);
  'ciphertext': (Buffer);
  'key_name': (string);
  'key_version': (number);
}
