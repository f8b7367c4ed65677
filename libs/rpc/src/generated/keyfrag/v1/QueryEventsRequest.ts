// Original file: keyfrag/v1/audit.proto

import type { Long } from '@grpc/proto-loader';

export interface QueryEventsRequest {
  'since_ms'?: (number | string | Long);
  'until_ms'?: (number | string | Long);
  'actor'?: (string);
  'action'?: (string);
  'path_prefix'?: (string);
  'result'?: (string);
  'page_size'?: (number);
  'page_token'?: (string);
}

export interface QueryEventsRequest__Output {
  'since_ms': (string);
  'until_ms': (string);
  'actor': (string);
  'action': (string);
  'path_prefix': (string);
  'result': (string);
  'page_size': (number);
  'page_token': (string);
}
