// Original file: keyfrag/v1/gateway.proto


export interface GetSecretValueRequest {
  'names'?: (string)[];
  'version'?: (number);
  'ignore_cache'?: (boolean);
}

export interface GetSecretValueRequest__Output {
  'names': (string)[];
  'version': (number);
  'ignore_cache': (boolean);
}
