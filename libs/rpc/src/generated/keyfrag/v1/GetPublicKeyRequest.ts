// Original file: keyfrag/v1/gateway.proto


export interface GetPublicKeyRequest {
  'key_name'?: (string);
  'version'?: (number);
}

export interface GetPublicKeyRequest__Output {
  'key_name': (string);
  'version': (number);
}
