// Original file: keyfrag/v1/auth.proto


export interface ListAuthMethodsRequest {
  'page_size'?: (number);
  'page_token'?: (string);
}

export interface ListAuthMethodsRequest__Output {
  'page_size': (number);
  'page_token': (string);
}
