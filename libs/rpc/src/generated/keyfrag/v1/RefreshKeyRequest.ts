// Original file: keyfrag/v1/coordinator.proto


export interface RefreshKeyRequest {
  'name'?: (string);
  'version'?: (number);
}

export interface RefreshKeyRequest__Output {
  'name': (string);
  'version': (number);
}
