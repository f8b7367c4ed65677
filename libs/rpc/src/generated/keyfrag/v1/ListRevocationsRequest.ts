// Original file: keyfrag/v1/auth.proto


export interface ListRevocationsRequest {
  'page_size'?: (number);
  'page_token'?: (string);
}

export interface ListRevocationsRequest__Output {
  'page_size': (number);
  'page_token': (string);
}
