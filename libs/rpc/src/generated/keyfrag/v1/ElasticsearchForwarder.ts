// Original file: keyfrag/v1/audit.proto


export interface ElasticsearchForwarder {
  'url'?: (string);
  'index'?: (string);
  'username'?: (string);
  'password'?: (string);
}

export interface ElasticsearchForwarder__Output {
  'url': (string);
  'index': (string);
  'username': (string);
  'password': (string);
}
