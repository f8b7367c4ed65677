// Original file: keyfrag/v1/auth.proto


export interface AccessKeyMethod {
  'bound_cidrs'?: (string)[];
}

export interface AccessKeyMethod__Output {
  'bound_cidrs': (string)[];
}
