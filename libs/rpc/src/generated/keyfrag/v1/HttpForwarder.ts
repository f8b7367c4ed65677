// Original file: keyfrag/v1/audit.proto


export interface HttpForwarder {
  'url'?: (string);
  'token'?: (string);
}

export interface HttpForwarder__Output {
  'url': (string);
  'token': (string);
}
