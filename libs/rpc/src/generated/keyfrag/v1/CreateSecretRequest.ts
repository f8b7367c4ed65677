// Original file: keyfrag/v1/gateway.proto


export interface CreateSecretRequest {
  'name'?: (string);
  'value'?: (Buffer | Uint8Array | string);
  'description'?: (string);
  'tags'?: (string)[];
  'key_name'?: (string);
  'max_versions'?: (number);
}

export interface CreateSecretRequest__Output {
  'name': (string);
  'value': (Buffer);
  'description': (string);
  'tags': (string)[];
  'key_name': (string);
  'max_versions': (number);
}
