// Original file: keyfrag/v1/audit.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AuditHashRequest as _keyfrag_v1_AuditHashRequest, AuditHashRequest__Output as _keyfrag_v1_AuditHashRequest__Output } from '../../keyfrag/v1/AuditHashRequest.js';
import type { AuditHashResponse as _keyfrag_v1_AuditHashResponse, AuditHashResponse__Output as _keyfrag_v1_AuditHashResponse__Output } from '../../keyfrag/v1/AuditHashResponse.js';
import type { DeleteForwarderRequest as _keyfrag_v1_DeleteForwarderRequest, DeleteForwarderRequest__Output as _keyfrag_v1_DeleteForwarderRequest__Output } from '../../keyfrag/v1/DeleteForwarderRequest.js';
import type { DeleteForwarderResponse as _keyfrag_v1_DeleteForwarderResponse, DeleteForwarderResponse__Output as _keyfrag_v1_DeleteForwarderResponse__Output } from '../../keyfrag/v1/DeleteForwarderResponse.js';
import type { ExportChunk as _keyfrag_v1_ExportChunk, ExportChunk__Output as _keyfrag_v1_ExportChunk__Output } from '../../keyfrag/v1/ExportChunk.js';
import type { Forwarder as _keyfrag_v1_Forwarder, Forwarder__Output as _keyfrag_v1_Forwarder__Output } from '../../keyfrag/v1/Forwarder.js';
import type { ListForwardersRequest as _keyfrag_v1_ListForwardersRequest, ListForwardersRequest__Output as _keyfrag_v1_ListForwardersRequest__Output } from '../../keyfrag/v1/ListForwardersRequest.js';
import type { ListForwardersResponse as _keyfrag_v1_ListForwardersResponse, ListForwardersResponse__Output as _keyfrag_v1_ListForwardersResponse__Output } from '../../keyfrag/v1/ListForwardersResponse.js';
import type { QueryEventsRequest as _keyfrag_v1_QueryEventsRequest, QueryEventsRequest__Output as _keyfrag_v1_QueryEventsRequest__Output } from '../../keyfrag/v1/QueryEventsRequest.js';
import type { QueryEventsResponse as _keyfrag_v1_QueryEventsResponse, QueryEventsResponse__Output as _keyfrag_v1_QueryEventsResponse__Output } from '../../keyfrag/v1/QueryEventsResponse.js';
import type { SetForwarderRequest as _keyfrag_v1_SetForwarderRequest, SetForwarderRequest__Output as _keyfrag_v1_SetForwarderRequest__Output } from '../../keyfrag/v1/SetForwarderRequest.js';
import type { VerifyChainRequest as _keyfrag_v1_VerifyChainRequest, VerifyChainRequest__Output as _keyfrag_v1_VerifyChainRequest__Output } from '../../keyfrag/v1/VerifyChainRequest.js';
import type { VerifyChainResponse as _keyfrag_v1_VerifyChainResponse, VerifyChainResponse__Output as _keyfrag_v1_VerifyChainResponse__Output } from '../../keyfrag/v1/VerifyChainResponse.js';

export interface AuditClient extends grpc.Client {
  AuditHash(argument: _keyfrag_v1_AuditHashRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_AuditHashResponse__Output>): grpc.ClientUnaryCall;
  AuditHash(argument: _keyfrag_v1_AuditHashRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_AuditHashResponse__Output>): grpc.ClientUnaryCall;
  AuditHash(argument: _keyfrag_v1_AuditHashRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_AuditHashResponse__Output>): grpc.ClientUnaryCall;
  AuditHash(argument: _keyfrag_v1_AuditHashRequest, callback: grpc.requestCallback<_keyfrag_v1_AuditHashResponse__Output>): grpc.ClientUnaryCall;
  auditHash(argument: _keyfrag_v1_AuditHashRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_AuditHashResponse__Output>): grpc.ClientUnaryCall;
  auditHash(argument: _keyfrag_v1_AuditHashRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_AuditHashResponse__Output>): grpc.ClientUnaryCall;
  auditHash(argument: _keyfrag_v1_AuditHashRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_AuditHashResponse__Output>): grpc.ClientUnaryCall;
  auditHash(argument: _keyfrag_v1_AuditHashRequest, callback: grpc.requestCallback<_keyfrag_v1_AuditHashResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteForwarder(argument: _keyfrag_v1_DeleteForwarderRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DeleteForwarderResponse__Output>): grpc.ClientUnaryCall;
  DeleteForwarder(argument: _keyfrag_v1_DeleteForwarderRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_DeleteForwarderResponse__Output>): grpc.ClientUnaryCall;
  DeleteForwarder(argument: _keyfrag_v1_DeleteForwarderRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DeleteForwarderResponse__Output>): grpc.ClientUnaryCall;
  DeleteForwarder(argument: _keyfrag_v1_DeleteForwarderRequest, callback: grpc.requestCallback<_keyfrag_v1_DeleteForwarderResponse__Output>): grpc.ClientUnaryCall;
  deleteForwarder(argument: _keyfrag_v1_DeleteForwarderRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DeleteForwarderResponse__Output>): grpc.ClientUnaryCall;
  deleteForwarder(argument: _keyfrag_v1_DeleteForwarderRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_DeleteForwarderResponse__Output>): grpc.ClientUnaryCall;
  deleteForwarder(argument: _keyfrag_v1_DeleteForwarderRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DeleteForwarderResponse__Output>): grpc.ClientUnaryCall;
  deleteForwarder(argument: _keyfrag_v1_DeleteForwarderRequest, callback: grpc.requestCallback<_keyfrag_v1_DeleteForwarderResponse__Output>): grpc.ClientUnaryCall;
  
  ExportEvents(argument: _keyfrag_v1_QueryEventsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_keyfrag_v1_ExportChunk__Output>;
  ExportEvents(argument: _keyfrag_v1_QueryEventsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_keyfrag_v1_ExportChunk__Output>;
  exportEvents(argument: _keyfrag_v1_QueryEventsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_keyfrag_v1_ExportChunk__Output>;
  exportEvents(argument: _keyfrag_v1_QueryEventsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_keyfrag_v1_ExportChunk__Output>;
  
  ListForwarders(argument: _keyfrag_v1_ListForwardersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListForwardersResponse__Output>): grpc.ClientUnaryCall;
  ListForwarders(argument: _keyfrag_v1_ListForwardersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_ListForwardersResponse__Output>): grpc.ClientUnaryCall;
  ListForwarders(argument: _keyfrag_v1_ListForwardersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListForwardersResponse__Output>): grpc.ClientUnaryCall;
  ListForwarders(argument: _keyfrag_v1_ListForwardersRequest, callback: grpc.requestCallback<_keyfrag_v1_ListForwardersResponse__Output>): grpc.ClientUnaryCall;
  listForwarders(argument: _keyfrag_v1_ListForwardersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListForwardersResponse__Output>): grpc.ClientUnaryCall;
  listForwarders(argument: _keyfrag_v1_ListForwardersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_ListForwardersResponse__Output>): grpc.ClientUnaryCall;
  listForwarders(argument: _keyfrag_v1_ListForwardersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListForwardersResponse__Output>): grpc.ClientUnaryCall;
  listForwarders(argument: _keyfrag_v1_ListForwardersRequest, callback: grpc.requestCallback<_keyfrag_v1_ListForwardersResponse__Output>): grpc.ClientUnaryCall;
  
  QueryEvents(argument: _keyfrag_v1_QueryEventsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_QueryEventsResponse__Output>): grpc.ClientUnaryCall;
  QueryEvents(argument: _keyfrag_v1_QueryEventsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_QueryEventsResponse__Output>): grpc.ClientUnaryCall;
  QueryEvents(argument: _keyfrag_v1_QueryEventsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_QueryEventsResponse__Output>): grpc.ClientUnaryCall;
  QueryEvents(argument: _keyfrag_v1_QueryEventsRequest, callback: grpc.requestCallback<_keyfrag_v1_QueryEventsResponse__Output>): grpc.ClientUnaryCall;
  queryEvents(argument: _keyfrag_v1_QueryEventsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_QueryEventsResponse__Output>): grpc.ClientUnaryCall;
  queryEvents(argument: _keyfrag_v1_QueryEventsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_QueryEventsResponse__Output>): grpc.ClientUnaryCall;
  queryEvents(argument: _keyfrag_v1_QueryEventsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_QueryEventsResponse__Output>): grpc.ClientUnaryCall;
  queryEvents(argument: _keyfrag_v1_QueryEventsRequest, callback: grpc.requestCallback<_keyfrag_v1_QueryEventsResponse__Output>): grpc.ClientUnaryCall;
  
  SetForwarder(argument: _keyfrag_v1_SetForwarderRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Forwarder__Output>): grpc.ClientUnaryCall;
  SetForwarder(argument: _keyfrag_v1_SetForwarderRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Forwarder__Output>): grpc.ClientUnaryCall;
  SetForwarder(argument: _keyfrag_v1_SetForwarderRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Forwarder__Output>): grpc.ClientUnaryCall;
  SetForwarder(argument: _keyfrag_v1_SetForwarderRequest, callback: grpc.requestCallback<_keyfrag_v1_Forwarder__Output>): grpc.ClientUnaryCall;
  setForwarder(argument: _keyfrag_v1_SetForwarderRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Forwarder__Output>): grpc.ClientUnaryCall;
  setForwarder(argument: _keyfrag_v1_SetForwarderRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Forwarder__Output>): grpc.ClientUnaryCall;
  setForwarder(argument: _keyfrag_v1_SetForwarderRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Forwarder__Output>): grpc.ClientUnaryCall;
  setForwarder(argument: _keyfrag_v1_SetForwarderRequest, callback: grpc.requestCallback<_keyfrag_v1_Forwarder__Output>): grpc.ClientUnaryCall;
  
  VerifyChain(argument: _keyfrag_v1_VerifyChainRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_VerifyChainResponse__Output>): grpc.ClientUnaryCall;
  VerifyChain(argument: _keyfrag_v1_VerifyChainRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_VerifyChainResponse__Output>): grpc.ClientUnaryCall;
  VerifyChain(argument: _keyfrag_v1_VerifyChainRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_VerifyChainResponse__Output>): grpc.ClientUnaryCall;
  VerifyChain(argument: _keyfrag_v1_VerifyChainRequest, callback: grpc.requestCallback<_keyfrag_v1_VerifyChainResponse__Output>): grpc.ClientUnaryCall;
  verifyChain(argument: _keyfrag_v1_VerifyChainRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_VerifyChainResponse__Output>): grpc.ClientUnaryCall;
  verifyChain(argument: _keyfrag_v1_VerifyChainRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_VerifyChainResponse__Output>): grpc.ClientUnaryCall;
  verifyChain(argument: _keyfrag_v1_VerifyChainRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_VerifyChainResponse__Output>): grpc.ClientUnaryCall;
  verifyChain(argument: _keyfrag_v1_VerifyChainRequest, callback: grpc.requestCallback<_keyfrag_v1_VerifyChainResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface AuditHandlers extends grpc.UntypedServiceImplementation {
  AuditHash: grpc.handleUnaryCall<_keyfrag_v1_AuditHashRequest__Output, _keyfrag_v1_AuditHashResponse>;
  
  DeleteForwarder: grpc.handleUnaryCall<_keyfrag_v1_DeleteForwarderRequest__Output, _keyfrag_v1_DeleteForwarderResponse>;
  
  ExportEvents: grpc.handleServerStreamingCall<_keyfrag_v1_QueryEventsRequest__Output, _keyfrag_v1_ExportChunk>;
  
  ListForwarders: grpc.handleUnaryCall<_keyfrag_v1_ListForwardersRequest__Output, _keyfrag_v1_ListForwardersResponse>;
  
  QueryEvents: grpc.handleUnaryCall<_keyfrag_v1_QueryEventsRequest__Output, _keyfrag_v1_QueryEventsResponse>;
  
  SetForwarder: grpc.handleUnaryCall<_keyfrag_v1_SetForwarderRequest__Output, _keyfrag_v1_Forwarder>;
  
  VerifyChain: grpc.handleUnaryCall<_keyfrag_v1_VerifyChainRequest__Output, _keyfrag_v1_VerifyChainResponse>;
  
}

export interface AuditDefinition extends grpc.ServiceDefinition {
  AuditHash: MethodDefinition<_keyfrag_v1_AuditHashRequest, _keyfrag_v1_AuditHashResponse, _keyfrag_v1_AuditHashRequest__Output, _keyfrag_v1_AuditHashResponse__Output>
  DeleteForwarder: MethodDefinition<_keyfrag_v1_DeleteForwarderRequest, _keyfrag_v1_DeleteForwarderResponse, _keyfrag_v1_DeleteForwarderRequest__Output, _keyfrag_v1_DeleteForwarderResponse__Output>
  ExportEvents: MethodDefinition<_keyfrag_v1_QueryEventsRequest, _keyfrag_v1_ExportChunk, _keyfrag_v1_QueryEventsRequest__Output, _keyfrag_v1_ExportChunk__Output>
  ListForwarders: MethodDefinition<_keyfrag_v1_ListForwardersRequest, _keyfrag_v1_ListForwardersResponse, _keyfrag_v1_ListForwardersRequest__Output, _keyfrag_v1_ListForwardersResponse__Output>
  QueryEvents: MethodDefinition<_keyfrag_v1_QueryEventsRequest, _keyfrag_v1_QueryEventsResponse, _keyfrag_v1_QueryEventsRequest__Output, _keyfrag_v1_QueryEventsResponse__Output>
  SetForwarder: MethodDefinition<_keyfrag_v1_SetForwarderRequest, _keyfrag_v1_Forwarder, _keyfrag_v1_SetForwarderRequest__Output, _keyfrag_v1_Forwarder__Output>
  VerifyChain: MethodDefinition<_keyfrag_v1_VerifyChainRequest, _keyfrag_v1_VerifyChainResponse, _keyfrag_v1_VerifyChainRequest__Output, _keyfrag_v1_VerifyChainResponse__Output>
}
