// Original file: keyfrag/v1/policy.proto


export interface DeleteRoleRuleRequest {
  'role_name'?: (string);
  'rule_type'?: (string);
  'path'?: (string);
}

export interface DeleteRoleRuleRequest__Output {
  'role_name': (string);
  'rule_type': (string);
  'path': (string);
}
