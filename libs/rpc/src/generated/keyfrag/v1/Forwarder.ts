// Original file: keyfrag/v1/audit.proto

import type { SyslogForwarder as _keyfrag_v1_SyslogForwarder, SyslogForwarder__Output as _keyfrag_v1_SyslogForwarder__Output } from '../../keyfrag/v1/SyslogForwarder.js';
import type { HttpForwarder as _keyfrag_v1_HttpForwarder, HttpForwarder__Output as _keyfrag_v1_HttpForwarder__Output } from '../../keyfrag/v1/HttpForwarder.js';
import type { ElasticsearchForwarder as _keyfrag_v1_ElasticsearchForwarder, ElasticsearchForwarder__Output as _keyfrag_v1_ElasticsearchForwarder__Output } from '../../keyfrag/v1/ElasticsearchForwarder.js';
import type { StdoutForwarder as _keyfrag_v1_StdoutForwarder, StdoutForwarder__Output as _keyfrag_v1_StdoutForwarder__Output } from '../../keyfrag/v1/StdoutForwarder.js';
import type { Long } from '@grpc/proto-loader';

export interface Forwarder {
  'name'?: (string);
  'start'?: (string);
  'syslog'?: (_keyfrag_v1_SyslogForwarder | null);
  'http'?: (_keyfrag_v1_HttpForwarder | null);
  'elasticsearch'?: (_keyfrag_v1_ElasticsearchForwarder | null);
  'stdout'?: (_keyfrag_v1_StdoutForwarder | null);
  'delivered'?: (number | string | Long);
  'pending'?: (number | string | Long);
  'last_error'?: (string);
  'target'?: "syslog"|"http"|"elasticsearch"|"stdout";
}

export interface Forwarder__Output {
  'name': (string);
  'start': (string);
  'syslog'?: (_keyfrag_v1_SyslogForwarder__Output | null);
  'http'?: (_keyfrag_v1_HttpForwarder__Output | null);
  'elasticsearch'?: (_keyfrag_v1_ElasticsearchForwarder__Output | null);
  'stdout'?: (_keyfrag_v1_StdoutForwarder__Output | null);
  'delivered': (string);
  'pending': (string);
  'last_error': (string);
  'target'?: "syslog"|"http"|"elasticsearch"|"stdout";
}
