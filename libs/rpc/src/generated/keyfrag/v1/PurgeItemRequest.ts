// Original file: keyfrag/v1/secrets.proto


export interface PurgeItemRequest {
  'name'?: (string);
}

export interface PurgeItemRequest__Output {
  'name': (string);
}
