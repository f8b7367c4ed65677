// Original file: keyfrag/v1/gateway.proto


export interface SecretValue {
  'name'?: (string);
  'version'?: (number);
  'value'?: (Buffer | Uint8Array | string);
}

export interface SecretValue__Output {
  'name': (string);
  'version': (number);
  'value': (Buffer);
}
