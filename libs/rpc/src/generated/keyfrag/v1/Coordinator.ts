// Original file: keyfrag/v1/coordinator.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ClusterStatusRequest as _keyfrag_v1_ClusterStatusRequest, ClusterStatusRequest__Output as _keyfrag_v1_ClusterStatusRequest__Output } from '../../keyfrag/v1/ClusterStatusRequest.js';
import type { ClusterStatusResponse as _keyfrag_v1_ClusterStatusResponse, ClusterStatusResponse__Output as _keyfrag_v1_ClusterStatusResponse__Output } from '../../keyfrag/v1/ClusterStatusResponse.js';
import type { CreateKeyRequest as _keyfrag_v1_CreateKeyRequest, CreateKeyRequest__Output as _keyfrag_v1_CreateKeyRequest__Output } from '../../keyfrag/v1/CreateKeyRequest.js';
import type { GetKeyRequest as _keyfrag_v1_GetKeyRequest, GetKeyRequest__Output as _keyfrag_v1_GetKeyRequest__Output } from '../../keyfrag/v1/GetKeyRequest.js';
import type { KeyInfo as _keyfrag_v1_KeyInfo, KeyInfo__Output as _keyfrag_v1_KeyInfo__Output } from '../../keyfrag/v1/KeyInfo.js';
import type { RefreshKeyRequest as _keyfrag_v1_RefreshKeyRequest, RefreshKeyRequest__Output as _keyfrag_v1_RefreshKeyRequest__Output } from '../../keyfrag/v1/RefreshKeyRequest.js';
import type { RefreshKeyResponse as _keyfrag_v1_RefreshKeyResponse, RefreshKeyResponse__Output as _keyfrag_v1_RefreshKeyResponse__Output } from '../../keyfrag/v1/RefreshKeyResponse.js';
import type { RotateKeyVersionRequest as _keyfrag_v1_RotateKeyVersionRequest, RotateKeyVersionRequest__Output as _keyfrag_v1_RotateKeyVersionRequest__Output } from '../../keyfrag/v1/RotateKeyVersionRequest.js';

export interface CoordinatorClient extends grpc.Client {
  ClusterStatus(argument: _keyfrag_v1_ClusterStatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  ClusterStatus(argument: _keyfrag_v1_ClusterStatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_ClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  ClusterStatus(argument: _keyfrag_v1_ClusterStatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  ClusterStatus(argument: _keyfrag_v1_ClusterStatusRequest, callback: grpc.requestCallback<_keyfrag_v1_ClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  clusterStatus(argument: _keyfrag_v1_ClusterStatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  clusterStatus(argument: _keyfrag_v1_ClusterStatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_ClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  clusterStatus(argument: _keyfrag_v1_ClusterStatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  clusterStatus(argument: _keyfrag_v1_ClusterStatusRequest, callback: grpc.requestCallback<_keyfrag_v1_ClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  
  CreateKey(argument: _keyfrag_v1_CreateKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_KeyInfo__Output>): grpc.ClientUnaryCall;
  CreateKey(argument: _keyfrag_v1_CreateKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_KeyInfo__Output>): grpc.ClientUnaryCall;
  CreateKey(argument: _keyfrag_v1_CreateKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_KeyInfo__Output>): grpc.ClientUnaryCall;
  CreateKey(argument: _keyfrag_v1_CreateKeyRequest, callback: grpc.requestCallback<_keyfrag_v1_KeyInfo__Output>): grpc.ClientUnaryCall;
  createKey(argument: _keyfrag_v1_CreateKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_KeyInfo__Output>): grpc.ClientUnaryCall;
  createKey(argument: _keyfrag_v1_CreateKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_KeyInfo__Output>): grpc.ClientUnaryCall;
  createKey(argument: _keyfrag_v1_CreateKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_KeyInfo__Output>): grpc.ClientUnaryCall;
  createKey(argument: _keyfrag_v1_CreateKeyRequest, callback: grpc.requestCallback<_keyfrag_v1_KeyInfo__Output>): grpc.ClientUnaryCall;
  
  GetKey(argument: _keyfrag_v1_GetKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_KeyInfo__Output>): grpc.ClientUnaryCall;
  GetKey(argument: _keyfrag_v1_GetKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_KeyInfo__Output>): grpc.ClientUnaryCall;
  GetKey(argument: _keyfrag_v1_GetKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_KeyInfo__Output>): grpc.ClientUnaryCall;
  GetKey(argument: _keyfrag_v1_GetKeyRequest, callback: grpc.requestCallback<_keyfrag_v1_KeyInfo__Output>): grpc.ClientUnaryCall;
  getKey(argument: _keyfrag_v1_GetKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_KeyInfo__Output>): grpc.ClientUnaryCall;
  getKey(argument: _keyfrag_v1_GetKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_KeyInfo__Output>): grpc.ClientUnaryCall;
  getKey(argument: _keyfrag_v1_GetKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_KeyInfo__Output>): grpc.ClientUnaryCall;
  getKey(argument: _keyfrag_v1_GetKeyRequest, callback: grpc.requestCallback<_keyfrag_v1_KeyInfo__Output>): grpc.ClientUnaryCall;
  
  RefreshKey(argument: _keyfrag_v1_RefreshKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_RefreshKeyResponse__Output>): grpc.ClientUnaryCall;
  RefreshKey(argument: _keyfrag_v1_RefreshKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_RefreshKeyResponse__Output>): grpc.ClientUnaryCall;
  RefreshKey(argument: _keyfrag_v1_RefreshKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_RefreshKeyResponse__Output>): grpc.ClientUnaryCall;
  RefreshKey(argument: _keyfrag_v1_RefreshKeyRequest, callback: grpc.requestCallback<_keyfrag_v1_RefreshKeyResponse__Output>): grpc.ClientUnaryCall;
  refreshKey(argument: _keyfrag_v1_RefreshKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_RefreshKeyResponse__Output>): grpc.ClientUnaryCall;
  refreshKey(argument: _keyfrag_v1_RefreshKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_RefreshKeyResponse__Output>): grpc.ClientUnaryCall;
  refreshKey(argument: _keyfrag_v1_RefreshKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_RefreshKeyResponse__Output>): grpc.ClientUnaryCall;
  refreshKey(argument: _keyfrag_v1_RefreshKeyRequest, callback: grpc.requestCallback<_keyfrag_v1_RefreshKeyResponse__Output>): grpc.ClientUnaryCall;
  
  RotateKey(argument: _keyfrag_v1_RotateKeyVersionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_KeyInfo__Output>): grpc.ClientUnaryCall;
  RotateKey(argument: _keyfrag_v1_RotateKeyVersionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_KeyInfo__Output>): grpc.ClientUnaryCall;
  RotateKey(argument: _keyfrag_v1_RotateKeyVersionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_KeyInfo__Output>): grpc.ClientUnaryCall;
  RotateKey(argument: _keyfrag_v1_RotateKeyVersionRequest, callback: grpc.requestCallback<_keyfrag_v1_KeyInfo__Output>): grpc.ClientUnaryCall;
  rotateKey(argument: _keyfrag_v1_RotateKeyVersionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_KeyInfo__Output>): grpc.ClientUnaryCall;
  rotateKey(argument: _keyfrag_v1_RotateKeyVersionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_KeyInfo__Output>): grpc.ClientUnaryCall;
  rotateKey(argument: _keyfrag_v1_RotateKeyVersionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_KeyInfo__Output>): grpc.ClientUnaryCall;
  rotateKey(argument: _keyfrag_v1_RotateKeyVersionRequest, callback: grpc.requestCallback<_keyfrag_v1_KeyInfo__Output>): grpc.ClientUnaryCall;
  
}

export interface CoordinatorHandlers extends grpc.UntypedServiceImplementation {
  ClusterStatus: grpc.handleUnaryCall<_keyfrag_v1_ClusterStatusRequest__Output, _keyfrag_v1_ClusterStatusResponse>;
  
  CreateKey: grpc.handleUnaryCall<_keyfrag_v1_CreateKeyRequest__Output, _keyfrag_v1_KeyInfo>;
  
  GetKey: grpc.handleUnaryCall<_keyfrag_v1_GetKeyRequest__Output, _keyfrag_v1_KeyInfo>;
  
  RefreshKey: grpc.handleUnaryCall<_keyfrag_v1_RefreshKeyRequest__Output, _keyfrag_v1_RefreshKeyResponse>;
  
  RotateKey: grpc.handleUnaryCall<_keyfrag_v1_RotateKeyVersionRequest__Output, _keyfrag_v1_KeyInfo>;
  
}

export interface CoordinatorDefinition extends grpc.ServiceDefinition {
  ClusterStatus: MethodDefinition<_keyfrag_v1_ClusterStatusRequest, _keyfrag_v1_ClusterStatusResponse, _keyfrag_v1_ClusterStatusRequest__Output, _keyfrag_v1_ClusterStatusResponse__Output>
  CreateKey: MethodDefinition<_keyfrag_v1_CreateKeyRequest, _keyfrag_v1_KeyInfo, _keyfrag_v1_CreateKeyRequest__Output, _keyfrag_v1_KeyInfo__Output>
  GetKey: MethodDefinition<_keyfrag_v1_GetKeyRequest, _keyfrag_v1_KeyInfo, _keyfrag_v1_GetKeyRequest__Output, _keyfrag_v1_KeyInfo__Output>
  RefreshKey: MethodDefinition<_keyfrag_v1_RefreshKeyRequest, _keyfrag_v1_RefreshKeyResponse, _keyfrag_v1_RefreshKeyRequest__Output, _keyfrag_v1_RefreshKeyResponse__Output>
  RotateKey: MethodDefinition<_keyfrag_v1_RotateKeyVersionRequest, _keyfrag_v1_KeyInfo, _keyfrag_v1_RotateKeyVersionRequest__Output, _keyfrag_v1_KeyInfo__Output>
}
