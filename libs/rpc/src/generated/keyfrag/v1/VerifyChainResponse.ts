// Original file: keyfrag/v1/audit.proto

import type { Long } from '@grpc/proto-loader';

export interface VerifyChainResponse {
  'ok'?: (boolean);
  'records'?: (number | string | Long);
  'broken_seq'?: (number | string | Long);
  'problem'?: (string);
  'pruned_through_seq'?: (number | string | Long);
}

export interface VerifyChainResponse__Output {
  'ok': (boolean);
  'records': (string);
  'broken_seq': (string);
  'problem': (string);
  'pruned_through_seq': (string);
}
