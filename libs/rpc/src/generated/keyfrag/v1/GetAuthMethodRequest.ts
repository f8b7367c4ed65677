// Original file: keyfrag/v1/auth.proto


export interface GetAuthMethodRequest {
  'name'?: (string);
  'access_id'?: (string);
}

export interface GetAuthMethodRequest__Output {
  'name': (string);
  'access_id': (string);
}
