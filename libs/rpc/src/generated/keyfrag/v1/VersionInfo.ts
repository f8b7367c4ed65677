// Original file: keyfrag/v1/secrets.proto

import type { Long } from '@grpc/proto-loader';

export interface VersionInfo {
  'version'?: (number);
  'created_at_ms'?: (number | string | Long);
  'key_name'?: (string);
  'key_version'?: (number);
  'destroyed_at_ms'?: (number | string | Long);
}

export interface VersionInfo__Output {
  'version': (number);
  'created_at_ms': (string);
  'key_name': (string);
  'key_version': (number);
  'destroyed_at_ms': (string);
}
