// Original file: keyfrag/v1/policy.proto


export interface GetRoleRequest {
  'name'?: (string);
}

export interface GetRoleRequest__Output {
  'name': (string);
}
