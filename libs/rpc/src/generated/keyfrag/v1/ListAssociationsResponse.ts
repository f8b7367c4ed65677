// Original file: keyfrag/v1/policy.proto

import type { Association as _keyfrag_v1_Association, Association__Output as _keyfrag_v1_Association__Output } from '../../keyfrag/v1/Association.js';

export interface ListAssociationsResponse {
  'associations'?: (_keyfrag_v1_Association)[];
}

export interface ListAssociationsResponse__Output {
  'associations': (_keyfrag_v1_Association__Output)[];
}
