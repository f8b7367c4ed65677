// Original file: keyfrag/v1/coordinator.proto

import type { Long } from '@grpc/proto-loader';

export interface RefreshKeyResponse {
  'epoch'?: (number);
  'duration_ms'?: (number | string | Long);
}

export interface RefreshKeyResponse__Output {
  'epoch': (number);
  'duration_ms': (string);
}
