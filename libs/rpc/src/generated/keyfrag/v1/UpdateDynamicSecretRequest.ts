// Original file: keyfrag/v1/producers.proto

import type { SqlProducer as _keyfrag_v1_SqlProducer, SqlProducer__Output as _keyfrag_v1_SqlProducer__Output } from '../../keyfrag/v1/SqlProducer.js';
import type { RedisProducer as _keyfrag_v1_RedisProducer, RedisProducer__Output as _keyfrag_v1_RedisProducer__Output } from '../../keyfrag/v1/RedisProducer.js';

export interface UpdateDynamicSecretRequest {
  'name'?: (string);
  'user_ttl_seconds'?: (number);
  'max_ttl_seconds'?: (number);
  'description'?: (string);
  'sql'?: (_keyfrag_v1_SqlProducer | null);
  'redis'?: (_keyfrag_v1_RedisProducer | null);
  'producer'?: "sql"|"redis";
}

export interface UpdateDynamicSecretRequest__Output {
  'name': (string);
  'user_ttl_seconds': (number);
  'max_ttl_seconds': (number);
  'description': (string);
  'sql'?: (_keyfrag_v1_SqlProducer__Output | null);
  'redis'?: (_keyfrag_v1_RedisProducer__Output | null);
  'producer'?: "sql"|"redis";
}
