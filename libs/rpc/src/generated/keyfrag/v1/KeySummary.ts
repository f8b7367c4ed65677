// Original file: keyfrag/v1/coordinator.proto

import type { Long } from '@grpc/proto-loader';

export interface KeySummary {
  'name'?: (string);
  'version'?: (number);
  'epoch'?: (number);
  'last_refresh_at_ms'?: (number | string | Long);
}

export interface KeySummary__Output {
  'name': (string);
  'version': (number);
  'epoch': (number);
  'last_refresh_at_ms': (string);
}
