// Original file: keyfrag/v1/policy.proto


export interface Rule {
  'rule_type'?: (string);
  'path'?: (string);
  'capabilities'?: (string)[];
}

export interface Rule__Output {
  'rule_type': (string);
  'path': (string);
  'capabilities': (string)[];
}
