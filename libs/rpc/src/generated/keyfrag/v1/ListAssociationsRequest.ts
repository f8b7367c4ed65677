// Original file: keyfrag/v1/policy.proto


export interface ListAssociationsRequest {
  'role_name'?: (string);
  'access_id'?: (string);
}

export interface ListAssociationsRequest__Output {
  'role_name': (string);
  'access_id': (string);
}
