// Original file: keyfrag/v1/gateway.proto

import type { SecretValue as _keyfrag_v1_SecretValue, SecretValue__Output as _keyfrag_v1_SecretValue__Output } from '../../keyfrag/v1/SecretValue.js';

export interface GetSecretValueResponse {
  'values'?: (_keyfrag_v1_SecretValue)[];
}

export interface GetSecretValueResponse__Output {
  'values': (_keyfrag_v1_SecretValue__Output)[];
}
