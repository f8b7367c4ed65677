// Original file: keyfrag/v1/policy.proto


export interface CreateRoleRequest {
  'name'?: (string);
  'description'?: (string);
}

export interface CreateRoleRequest__Output {
  'name': (string);
  'description': (string);
}
