// Original file: keyfrag/v1/auth.proto

import type { AccessKeyMethod as _keyfrag_v1_AccessKeyMethod, AccessKeyMethod__Output as _keyfrag_v1_AccessKeyMethod__Output } from '../../keyfrag/v1/AccessKeyMethod.js';
import type { JwtMethod as _keyfrag_v1_JwtMethod, JwtMethod__Output as _keyfrag_v1_JwtMethod__Output } from '../../keyfrag/v1/JwtMethod.js';
import type { KubernetesMethod as _keyfrag_v1_KubernetesMethod, KubernetesMethod__Output as _keyfrag_v1_KubernetesMethod__Output } from '../../keyfrag/v1/KubernetesMethod.js';
import type { CertificateMethod as _keyfrag_v1_CertificateMethod, CertificateMethod__Output as _keyfrag_v1_CertificateMethod__Output } from '../../keyfrag/v1/CertificateMethod.js';

export interface CreateAuthMethodRequest {
  'name'?: (string);
  'description'?: (string);
  'token_ttl_seconds'?: (number);
  'access_key'?: (_keyfrag_v1_AccessKeyMethod | null);
  'jwt'?: (_keyfrag_v1_JwtMethod | null);
  'kubernetes'?: (_keyfrag_v1_KubernetesMethod | null);
  'certificate'?: (_keyfrag_v1_CertificateMethod | null);
  'method'?: "access_key"|"jwt"|"kubernetes"|"certificate";
}

export interface CreateAuthMethodRequest__Output {
  'name': (string);
  'description': (string);
  'token_ttl_seconds': (number);
  'access_key'?: (_keyfrag_v1_AccessKeyMethod__Output | null);
  'jwt'?: (_keyfrag_v1_JwtMethod__Output | null);
  'kubernetes'?: (_keyfrag_v1_KubernetesMethod__Output | null);
  'certificate'?: (_keyfrag_v1_CertificateMethod__Output | null);
  'method'?: "access_key"|"jwt"|"kubernetes"|"certificate";
}
