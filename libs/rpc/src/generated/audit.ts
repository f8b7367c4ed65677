import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { AuditClient as _keyfrag_v1_AuditClient, AuditDefinition as _keyfrag_v1_AuditDefinition } from './keyfrag/v1/Audit.js';
import type { AuditActor as _keyfrag_v1_AuditActor, AuditActor__Output as _keyfrag_v1_AuditActor__Output } from './keyfrag/v1/AuditActor.js';
import type { AuditHashRequest as _keyfrag_v1_AuditHashRequest, AuditHashRequest__Output as _keyfrag_v1_AuditHashRequest__Output } from './keyfrag/v1/AuditHashRequest.js';
import type { AuditHashResponse as _keyfrag_v1_AuditHashResponse, AuditHashResponse__Output as _keyfrag_v1_AuditHashResponse__Output } from './keyfrag/v1/AuditHashResponse.js';
import type { AuditRecord as _keyfrag_v1_AuditRecord, AuditRecord__Output as _keyfrag_v1_AuditRecord__Output } from './keyfrag/v1/AuditRecord.js';
import type { DeleteForwarderRequest as _keyfrag_v1_DeleteForwarderRequest, DeleteForwarderRequest__Output as _keyfrag_v1_DeleteForwarderRequest__Output } from './keyfrag/v1/DeleteForwarderRequest.js';
import type { DeleteForwarderResponse as _keyfrag_v1_DeleteForwarderResponse, DeleteForwarderResponse__Output as _keyfrag_v1_DeleteForwarderResponse__Output } from './keyfrag/v1/DeleteForwarderResponse.js';
import type { ElasticsearchForwarder as _keyfrag_v1_ElasticsearchForwarder, ElasticsearchForwarder__Output as _keyfrag_v1_ElasticsearchForwarder__Output } from './keyfrag/v1/ElasticsearchForwarder.js';
import type { ExportChunk as _keyfrag_v1_ExportChunk, ExportChunk__Output as _keyfrag_v1_ExportChunk__Output } from './keyfrag/v1/ExportChunk.js';
import type { Forwarder as _keyfrag_v1_Forwarder, Forwarder__Output as _keyfrag_v1_Forwarder__Output } from './keyfrag/v1/Forwarder.js';
import type { HttpForwarder as _keyfrag_v1_HttpForwarder, HttpForwarder__Output as _keyfrag_v1_HttpForwarder__Output } from './keyfrag/v1/HttpForwarder.js';
import type { Identity as _keyfrag_v1_Identity, Identity__Output as _keyfrag_v1_Identity__Output } from './keyfrag/v1/Identity.js';
import type { KeyPublicData as _keyfrag_v1_KeyPublicData, KeyPublicData__Output as _keyfrag_v1_KeyPublicData__Output } from './keyfrag/v1/KeyPublicData.js';
import type { KeyRef as _keyfrag_v1_KeyRef, KeyRef__Output as _keyfrag_v1_KeyRef__Output } from './keyfrag/v1/KeyRef.js';
import type { ListForwardersRequest as _keyfrag_v1_ListForwardersRequest, ListForwardersRequest__Output as _keyfrag_v1_ListForwardersRequest__Output } from './keyfrag/v1/ListForwardersRequest.js';
import type { ListForwardersResponse as _keyfrag_v1_ListForwardersResponse, ListForwardersResponse__Output as _keyfrag_v1_ListForwardersResponse__Output } from './keyfrag/v1/ListForwardersResponse.js';
import type { Participant as _keyfrag_v1_Participant, Participant__Output as _keyfrag_v1_Participant__Output } from './keyfrag/v1/Participant.js';
import type { QueryEventsRequest as _keyfrag_v1_QueryEventsRequest, QueryEventsRequest__Output as _keyfrag_v1_QueryEventsRequest__Output } from './keyfrag/v1/QueryEventsRequest.js';
import type { QueryEventsResponse as _keyfrag_v1_QueryEventsResponse, QueryEventsResponse__Output as _keyfrag_v1_QueryEventsResponse__Output } from './keyfrag/v1/QueryEventsResponse.js';
import type { SetForwarderRequest as _keyfrag_v1_SetForwarderRequest, SetForwarderRequest__Output as _keyfrag_v1_SetForwarderRequest__Output } from './keyfrag/v1/SetForwarderRequest.js';
import type { StdoutForwarder as _keyfrag_v1_StdoutForwarder, StdoutForwarder__Output as _keyfrag_v1_StdoutForwarder__Output } from './keyfrag/v1/StdoutForwarder.js';
import type { StringList as _keyfrag_v1_StringList, StringList__Output as _keyfrag_v1_StringList__Output } from './keyfrag/v1/StringList.js';
import type { SyslogForwarder as _keyfrag_v1_SyslogForwarder, SyslogForwarder__Output as _keyfrag_v1_SyslogForwarder__Output } from './keyfrag/v1/SyslogForwarder.js';
import type { VerifyChainRequest as _keyfrag_v1_VerifyChainRequest, VerifyChainRequest__Output as _keyfrag_v1_VerifyChainRequest__Output } from './keyfrag/v1/VerifyChainRequest.js';
import type { VerifyChainResponse as _keyfrag_v1_VerifyChainResponse, VerifyChainResponse__Output as _keyfrag_v1_VerifyChainResponse__Output } from './keyfrag/v1/VerifyChainResponse.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  keyfrag: {
    v1: {
      Audit: SubtypeConstructor<typeof grpc.Client, _keyfrag_v1_AuditClient> & { service: _keyfrag_v1_AuditDefinition }
      AuditActor: MessageTypeDefinition<_keyfrag_v1_AuditActor, _keyfrag_v1_AuditActor__Output>
      AuditHashRequest: MessageTypeDefinition<_keyfrag_v1_AuditHashRequest, _keyfrag_v1_AuditHashRequest__Output>
      AuditHashResponse: MessageTypeDefinition<_keyfrag_v1_AuditHashResponse, _keyfrag_v1_AuditHashResponse__Output>
      AuditRecord: MessageTypeDefinition<_keyfrag_v1_AuditRecord, _keyfrag_v1_AuditRecord__Output>
      DeleteForwarderRequest: MessageTypeDefinition<_keyfrag_v1_DeleteForwarderRequest, _keyfrag_v1_DeleteForwarderRequest__Output>
      DeleteForwarderResponse: MessageTypeDefinition<_keyfrag_v1_DeleteForwarderResponse, _keyfrag_v1_DeleteForwarderResponse__Output>
      ElasticsearchForwarder: MessageTypeDefinition<_keyfrag_v1_ElasticsearchForwarder, _keyfrag_v1_ElasticsearchForwarder__Output>
      ExportChunk: MessageTypeDefinition<_keyfrag_v1_ExportChunk, _keyfrag_v1_ExportChunk__Output>
      Forwarder: MessageTypeDefinition<_keyfrag_v1_Forwarder, _keyfrag_v1_Forwarder__Output>
      HttpForwarder: MessageTypeDefinition<_keyfrag_v1_HttpForwarder, _keyfrag_v1_HttpForwarder__Output>
      Identity: MessageTypeDefinition<_keyfrag_v1_Identity, _keyfrag_v1_Identity__Output>
      KeyPublicData: MessageTypeDefinition<_keyfrag_v1_KeyPublicData, _keyfrag_v1_KeyPublicData__Output>
      KeyRef: MessageTypeDefinition<_keyfrag_v1_KeyRef, _keyfrag_v1_KeyRef__Output>
      ListForwardersRequest: MessageTypeDefinition<_keyfrag_v1_ListForwardersRequest, _keyfrag_v1_ListForwardersRequest__Output>
      ListForwardersResponse: MessageTypeDefinition<_keyfrag_v1_ListForwardersResponse, _keyfrag_v1_ListForwardersResponse__Output>
      Participant: MessageTypeDefinition<_keyfrag_v1_Participant, _keyfrag_v1_Participant__Output>
      QueryEventsRequest: MessageTypeDefinition<_keyfrag_v1_QueryEventsRequest, _keyfrag_v1_QueryEventsRequest__Output>
      QueryEventsResponse: MessageTypeDefinition<_keyfrag_v1_QueryEventsResponse, _keyfrag_v1_QueryEventsResponse__Output>
      SetForwarderRequest: MessageTypeDefinition<_keyfrag_v1_SetForwarderRequest, _keyfrag_v1_SetForwarderRequest__Output>
      StdoutForwarder: MessageTypeDefinition<_keyfrag_v1_StdoutForwarder, _keyfrag_v1_StdoutForwarder__Output>
      StringList: MessageTypeDefinition<_keyfrag_v1_StringList, _keyfrag_v1_StringList__Output>
      Suite: EnumTypeDefinition
      SyslogForwarder: MessageTypeDefinition<_keyfrag_v1_SyslogForwarder, _keyfrag_v1_SyslogForwarder__Output>
      VerifyChainRequest: MessageTypeDefinition<_keyfrag_v1_VerifyChainRequest, _keyfrag_v1_VerifyChainRequest__Output>
      VerifyChainResponse: MessageTypeDefinition<_keyfrag_v1_VerifyChainResponse, _keyfrag_v1_VerifyChainResponse__Output>
    }
  }
}

