// Original file: keyfrag/v1/auth.proto


export interface CertificateMethod {
  'ca_certificates'?: (string);
  'bound_common_names'?: (string)[];
  'bound_cidrs'?: (string)[];
}

export interface CertificateMethod__Output {
  'ca_certificates': (string);
  'bound_common_names': (string)[];
  'bound_cidrs': (string)[];
}
