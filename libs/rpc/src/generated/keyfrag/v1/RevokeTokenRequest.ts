// Original file: keyfrag/v1/auth.proto


export interface RevokeTokenRequest {
  'token'?: (string);
  'access_id'?: (string);
  'target'?: "token"|"access_id";
}

export interface RevokeTokenRequest__Output {
  'token'?: (string);
  'access_id'?: (string);
  'target'?: "token"|"access_id";
}
