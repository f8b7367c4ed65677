// Original file: keyfrag/v1/auth.proto


export interface KubernetesMethod {
  'issuer'?: (string);
  'jwks_url'?: (string);
  'public_keys'?: (string)[];
  'audiences'?: (string)[];
  'bound_namespaces'?: (string)[];
  'bound_service_accounts'?: (string)[];
  'bound_cidrs'?: (string)[];
}

export interface KubernetesMethod__Output {
  'issuer': (string);
  'jwks_url': (string);
  'public_keys': (string)[];
  'audiences': (string)[];
  'bound_namespaces': (string)[];
  'bound_service_accounts': (string)[];
  'bound_cidrs': (string)[];
}
