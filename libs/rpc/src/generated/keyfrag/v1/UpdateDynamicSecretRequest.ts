// Original file: keyfrag/v1/producers.proto

import type { SqlProducer as _keyfrag_v1_SqlProducer, SqlProducer__Output as _keyfrag_v1_SqlProducer__Output } from '../../keyfrag/v1/SqlProducer.js';
import type { RedisProducer as _keyfrag_v1_RedisProducer, RedisProducer__Output as _keyfrag_v1_RedisProducer__Output } from '../../keyfrag/v1/RedisProducer.js';
import type { SshProducer as _keyfrag_v1_SshProducer, SshProducer__Output as _keyfrag_v1_SshProducer__Output } from '../../keyfrag/v1/SshProducer.js';
import type { JwtProducer as _keyfrag_v1_JwtProducer, JwtProducer__Output as _keyfrag_v1_JwtProducer__Output } from '../../keyfrag/v1/JwtProducer.js';
import type { CustomProducer as _keyfrag_v1_CustomProducer, CustomProducer__Output as _keyfrag_v1_CustomProducer__Output } from '../../keyfrag/v1/CustomProducer.js';

export interface UpdateDynamicSecretRequest {
  'name'?: (string);
  'user_ttl_seconds'?: (number);
  'max_ttl_seconds'?: (number);
  'description'?: (string);
  'sql'?: (_keyfrag_v1_SqlProducer | null);
  'redis'?: (_keyfrag_v1_RedisProducer | null);
  'ssh'?: (_keyfrag_v1_SshProducer | null);
  'jwt'?: (_keyfrag_v1_JwtProducer | null);
  'custom'?: (_keyfrag_v1_CustomProducer | null);
  'producer'?: "sql"|"redis"|"ssh"|"jwt"|"custom";
}

export interface UpdateDynamicSecretRequest__Output {
  'name': (string);
  'user_ttl_seconds': (number);
  'max_ttl_seconds': (number);
  'description': (string);
  'sql'?: (_keyfrag_v1_SqlProducer__Output | null);
  'redis'?: (_keyfrag_v1_RedisProducer__Output | null);
  'ssh'?: (_keyfrag_v1_SshProducer__Output | null);
  'jwt'?: (_keyfrag_v1_JwtProducer__Output | null);
  'custom'?: (_keyfrag_v1_CustomProducer__Output | null);
  'producer'?: "sql"|"redis"|"ssh"|"jwt"|"custom";
}
