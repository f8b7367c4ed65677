// Original file: keyfrag/v1/secrets.proto


export interface RestoreItemRequest {
  'name'?: (string);
}

export interface RestoreItemRequest__Output {
  'name': (string);
}
