// Original file: keyfrag/v1/coordinator.proto


export interface GetKeyRequest {
  'name'?: (string);
  'version'?: (number);
}

export interface GetKeyRequest__Output {
  'name': (string);
  'version': (number);
}
