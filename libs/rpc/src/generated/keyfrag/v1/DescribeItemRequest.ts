// Original file: keyfrag/v1/secrets.proto


export interface DescribeItemRequest {
  'name'?: (string);
}

export interface DescribeItemRequest__Output {
  'name': (string);
}
