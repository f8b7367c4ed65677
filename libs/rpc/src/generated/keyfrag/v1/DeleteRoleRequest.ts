// Original file: keyfrag/v1/policy.proto


export interface DeleteRoleRequest {
  'name'?: (string);
}

export interface DeleteRoleRequest__Output {
  'name': (string);
}
