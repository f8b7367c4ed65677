// Original file: keyfrag/v1/producers.proto


export interface RevokeLeasesByPrefixRequest {
  'prefix'?: (string);
  'dynamic_secrets'?: (string)[];
  'only_dynamic_secrets'?: (boolean);
}

export interface RevokeLeasesByPrefixRequest__Output {
  'prefix': (string);
  'dynamic_secrets': (string)[];
  'only_dynamic_secrets': (boolean);
}
