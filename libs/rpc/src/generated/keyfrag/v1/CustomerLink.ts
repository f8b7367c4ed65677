// Original file: keyfrag/v1/link.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { LinkDown as _keyfrag_v1_LinkDown, LinkDown__Output as _keyfrag_v1_LinkDown__Output } from '../../keyfrag/v1/LinkDown.js';
import type { LinkUp as _keyfrag_v1_LinkUp, LinkUp__Output as _keyfrag_v1_LinkUp__Output } from '../../keyfrag/v1/LinkUp.js';

export interface CustomerLinkClient extends grpc.Client {
  Attach(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_keyfrag_v1_LinkUp, _keyfrag_v1_LinkDown__Output>;
  Attach(options?: grpc.CallOptions): grpc.ClientDuplexStream<_keyfrag_v1_LinkUp, _keyfrag_v1_LinkDown__Output>;
  attach(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_keyfrag_v1_LinkUp, _keyfrag_v1_LinkDown__Output>;
  attach(options?: grpc.CallOptions): grpc.ClientDuplexStream<_keyfrag_v1_LinkUp, _keyfrag_v1_LinkDown__Output>;
  
}

export interface CustomerLinkHandlers extends grpc.UntypedServiceImplementation {
  Attach: grpc.handleBidiStreamingCall<_keyfrag_v1_LinkUp__Output, _keyfrag_v1_LinkDown>;
  
}

export interface CustomerLinkDefinition extends grpc.ServiceDefinition {
  Attach: MethodDefinition<_keyfrag_v1_LinkUp, _keyfrag_v1_LinkDown, _keyfrag_v1_LinkUp__Output, _keyfrag_v1_LinkDown__Output>
}
