// Original file: keyfrag/v1/coordinator.proto


export interface RotateKeyVersionRequest {
  'name'?: (string);
}

export interface RotateKeyVersionRequest__Output {
  'name': (string);
}
