// Original file: keyfrag/v1/secrets.proto

import type { Long } from '@grpc/proto-loader';

export interface ListChangesRequest {
  'after'?: (number | string | Long);
  'limit'?: (number);
}

export interface ListChangesRequest__Output {
  'after': (string);
  'limit': (number);
}
