// Original file: keyfrag/v1/policy.proto


export interface ListRolesRequest {
  'page_size'?: (number);
  'page_token'?: (string);
}

export interface ListRolesRequest__Output {
  'page_size': (number);
  'page_token': (string);
}
