// Original file: keyfrag/v1/auth.proto


export interface KubernetesMethod {
  'issuer'?: (string);
  'jwks_url'?: (string);
  'public_keys'?: (string)[];
  'audiences'?: (string)[];
  'bound_namespaces'?: (string)[];
  'bound_service_accounts'?: (string)[];
  'bound_cidrs'?: (string)[];
  'token_review_url'?: (string);
  'token_review_ca'?: (string);
  'max_token_age_seconds'?: (number);
}

export interface KubernetesMethod__Output {
  'issuer': (string);
  'jwks_url': (string);
  'public_keys': (string)[];
  'audiences': (string)[];
  'bound_namespaces': (string)[];
  'bound_service_accounts': (string)[];
  'bound_cidrs': (string)[];
  'token_review_url': (string);
  'token_review_ca': (string);
  'max_token_age_seconds': (number);
}
