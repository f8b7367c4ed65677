// Original file: keyfrag/v1/auth.proto


export interface DeleteAuthMethodRequest {
  'name'?: (string);
  'access_id'?: (string);
}

export interface DeleteAuthMethodRequest__Output {
  'name': (string);
  'access_id': (string);
}
