// Original file: keyfrag/v1/secrets.proto


export interface StoredVersion {
  'name'?: (string);
  'type'?: (string);
  'version'?: (number);
  'ciphertext'?: (Buffer | Uint8Array | string);
  'key_name'?: (string);
  'key_version'?: (number);
}

export interface StoredVersion__Output {
  'name': (string);
  'type': (string);
  'version': (number);
  'ciphertext': (Buffer);
  'key_name': (string);
  'key_version': (number);
}
