// Original file: keyfrag/v1/secrets.proto


export interface DeleteItemRequest {
  'name'?: (string);
}

export interface DeleteItemRequest__Output {
  'name': (string);
}
