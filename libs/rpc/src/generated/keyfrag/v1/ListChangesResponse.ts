// Original file: keyfrag/v1/secrets.proto

import type { Long } from '@grpc/proto-loader';

export interface ListChangesResponse {
  'last'?: (number | string | Long);
  'names'?: (string)[];
  'truncated'?: (boolean);
}

export interface ListChangesResponse__Output {
  'last': (string);
  'names': (string)[];
  'truncated': (boolean);
}
