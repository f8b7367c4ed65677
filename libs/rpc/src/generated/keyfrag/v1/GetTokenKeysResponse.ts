// Original file: keyfrag/v1/auth.proto


export interface GetTokenKeysResponse {
  'jwks'?: (string);
  'issuer'?: (string);
  'audience'?: (string);
}

export interface GetTokenKeysResponse__Output {
  'jwks': (string);
  'issuer': (string);
  'audience': (string);
}
