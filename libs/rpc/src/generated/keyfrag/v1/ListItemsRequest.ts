// Original file: keyfrag/v1/secrets.proto


export interface ListItemsRequest {
  'path'?: (string);
  'type'?: (string);
  'include_deleted'?: (boolean);
  'page_size'?: (number);
  'page_token'?: (string);
}

export interface ListItemsRequest__Output {
  'path': (string);
  'type': (string);
  'include_deleted': (boolean);
  'page_size': (number);
  'page_token': (string);
}
