import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { CustomerLinkClient as _keyfrag_v1_CustomerLinkClient, CustomerLinkDefinition as _keyfrag_v1_CustomerLinkDefinition } from './keyfrag/v1/CustomerLink.js';
import type { LinkCall as _keyfrag_v1_LinkCall, LinkCall__Output as _keyfrag_v1_LinkCall__Output } from './keyfrag/v1/LinkCall.js';
import type { LinkCancel as _keyfrag_v1_LinkCancel, LinkCancel__Output as _keyfrag_v1_LinkCancel__Output } from './keyfrag/v1/LinkCancel.js';
import type { LinkDown as _keyfrag_v1_LinkDown, LinkDown__Output as _keyfrag_v1_LinkDown__Output } from './keyfrag/v1/LinkDown.js';
import type { LinkReply as _keyfrag_v1_LinkReply, LinkReply__Output as _keyfrag_v1_LinkReply__Output } from './keyfrag/v1/LinkReply.js';
import type { LinkUp as _keyfrag_v1_LinkUp, LinkUp__Output as _keyfrag_v1_LinkUp__Output } from './keyfrag/v1/LinkUp.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  keyfrag: {
    v1: {
      CustomerLink: SubtypeConstructor<typeof grpc.Client, _keyfrag_v1_CustomerLinkClient> & { service: _keyfrag_v1_CustomerLinkDefinition }
      LinkCall: MessageTypeDefinition<_keyfrag_v1_LinkCall, _keyfrag_v1_LinkCall__Output>
      LinkCancel: MessageTypeDefinition<_keyfrag_v1_LinkCancel, _keyfrag_v1_LinkCancel__Output>
      LinkDown: MessageTypeDefinition<_keyfrag_v1_LinkDown, _keyfrag_v1_LinkDown__Output>
      LinkReply: MessageTypeDefinition<_keyfrag_v1_LinkReply, _keyfrag_v1_LinkReply__Output>
      LinkUp: MessageTypeDefinition<_keyfrag_v1_LinkUp, _keyfrag_v1_LinkUp__Output>
    }
  }
}

