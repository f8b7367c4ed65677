// Original file: keyfrag/v1/secrets.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AddKeyVersionRequest as _keyfrag_v1_AddKeyVersionRequest, AddKeyVersionRequest__Output as _keyfrag_v1_AddKeyVersionRequest__Output } from '../../keyfrag/v1/AddKeyVersionRequest.js';
import type { CreateItemRequest as _keyfrag_v1_CreateItemRequest, CreateItemRequest__Output as _keyfrag_v1_CreateItemRequest__Output } from '../../keyfrag/v1/CreateItemRequest.js';
import type { DeleteItemRequest as _keyfrag_v1_DeleteItemRequest, DeleteItemRequest__Output as _keyfrag_v1_DeleteItemRequest__Output } from '../../keyfrag/v1/DeleteItemRequest.js';
import type { DescribeItemRequest as _keyfrag_v1_DescribeItemRequest, DescribeItemRequest__Output as _keyfrag_v1_DescribeItemRequest__Output } from '../../keyfrag/v1/DescribeItemRequest.js';
import type { DestroyVersionRequest as _keyfrag_v1_DestroyVersionRequest, DestroyVersionRequest__Output as _keyfrag_v1_DestroyVersionRequest__Output } from '../../keyfrag/v1/DestroyVersionRequest.js';
import type { GetVersionsRequest as _keyfrag_v1_GetVersionsRequest, GetVersionsRequest__Output as _keyfrag_v1_GetVersionsRequest__Output } from '../../keyfrag/v1/GetVersionsRequest.js';
import type { GetVersionsResponse as _keyfrag_v1_GetVersionsResponse, GetVersionsResponse__Output as _keyfrag_v1_GetVersionsResponse__Output } from '../../keyfrag/v1/GetVersionsResponse.js';
import type { Item as _keyfrag_v1_Item, Item__Output as _keyfrag_v1_Item__Output } from '../../keyfrag/v1/Item.js';
import type { ListChangesRequest as _keyfrag_v1_ListChangesRequest, ListChangesRequest__Output as _keyfrag_v1_ListChangesRequest__Output } from '../../keyfrag/v1/ListChangesRequest.js';
import type { ListChangesResponse as _keyfrag_v1_ListChangesResponse, ListChangesResponse__Output as _keyfrag_v1_ListChangesResponse__Output } from '../../keyfrag/v1/ListChangesResponse.js';
import type { ListItemsRequest as _keyfrag_v1_ListItemsRequest, ListItemsRequest__Output as _keyfrag_v1_ListItemsRequest__Output } from '../../keyfrag/v1/ListItemsRequest.js';
import type { ListItemsResponse as _keyfrag_v1_ListItemsResponse, ListItemsResponse__Output as _keyfrag_v1_ListItemsResponse__Output } from '../../keyfrag/v1/ListItemsResponse.js';
import type { PurgeItemRequest as _keyfrag_v1_PurgeItemRequest, PurgeItemRequest__Output as _keyfrag_v1_PurgeItemRequest__Output } from '../../keyfrag/v1/PurgeItemRequest.js';
import type { PutVersionRequest as _keyfrag_v1_PutVersionRequest, PutVersionRequest__Output as _keyfrag_v1_PutVersionRequest__Output } from '../../keyfrag/v1/PutVersionRequest.js';
import type { ReplaceCiphertextRequest as _keyfrag_v1_ReplaceCiphertextRequest, ReplaceCiphertextRequest__Output as _keyfrag_v1_ReplaceCiphertextRequest__Output } from '../../keyfrag/v1/ReplaceCiphertextRequest.js';
import type { RestoreItemRequest as _keyfrag_v1_RestoreItemRequest, RestoreItemRequest__Output as _keyfrag_v1_RestoreItemRequest__Output } from '../../keyfrag/v1/RestoreItemRequest.js';

export interface SecretsClient extends grpc.Client {
  AddKeyVersion(argument: _keyfrag_v1_AddKeyVersionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  AddKeyVersion(argument: _keyfrag_v1_AddKeyVersionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  AddKeyVersion(argument: _keyfrag_v1_AddKeyVersionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  AddKeyVersion(argument: _keyfrag_v1_AddKeyVersionRequest, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  addKeyVersion(argument: _keyfrag_v1_AddKeyVersionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  addKeyVersion(argument: _keyfrag_v1_AddKeyVersionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  addKeyVersion(argument: _keyfrag_v1_AddKeyVersionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  addKeyVersion(argument: _keyfrag_v1_AddKeyVersionRequest, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  
  CreateItem(argument: _keyfrag_v1_CreateItemRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  CreateItem(argument: _keyfrag_v1_CreateItemRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  CreateItem(argument: _keyfrag_v1_CreateItemRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  CreateItem(argument: _keyfrag_v1_CreateItemRequest, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  createItem(argument: _keyfrag_v1_CreateItemRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  createItem(argument: _keyfrag_v1_CreateItemRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  createItem(argument: _keyfrag_v1_CreateItemRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  createItem(argument: _keyfrag_v1_CreateItemRequest, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  
  DeleteItem(argument: _keyfrag_v1_DeleteItemRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  DeleteItem(argument: _keyfrag_v1_DeleteItemRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  DeleteItem(argument: _keyfrag_v1_DeleteItemRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  DeleteItem(argument: _keyfrag_v1_DeleteItemRequest, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  deleteItem(argument: _keyfrag_v1_DeleteItemRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  deleteItem(argument: _keyfrag_v1_DeleteItemRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  deleteItem(argument: _keyfrag_v1_DeleteItemRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  deleteItem(argument: _keyfrag_v1_DeleteItemRequest, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  
  DescribeItem(argument: _keyfrag_v1_DescribeItemRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  DescribeItem(argument: _keyfrag_v1_DescribeItemRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  DescribeItem(argument: _keyfrag_v1_DescribeItemRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  DescribeItem(argument: _keyfrag_v1_DescribeItemRequest, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  describeItem(argument: _keyfrag_v1_DescribeItemRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  describeItem(argument: _keyfrag_v1_DescribeItemRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  describeItem(argument: _keyfrag_v1_DescribeItemRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  describeItem(argument: _keyfrag_v1_DescribeItemRequest, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  
  DestroyVersion(argument: _keyfrag_v1_DestroyVersionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  DestroyVersion(argument: _keyfrag_v1_DestroyVersionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  DestroyVersion(argument: _keyfrag_v1_DestroyVersionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  DestroyVersion(argument: _keyfrag_v1_DestroyVersionRequest, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  destroyVersion(argument: _keyfrag_v1_DestroyVersionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  destroyVersion(argument: _keyfrag_v1_DestroyVersionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  destroyVersion(argument: _keyfrag_v1_DestroyVersionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  destroyVersion(argument: _keyfrag_v1_DestroyVersionRequest, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  
  GetVersions(argument: _keyfrag_v1_GetVersionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_GetVersionsResponse__Output>): grpc.ClientUnaryCall;
  GetVersions(argument: _keyfrag_v1_GetVersionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_GetVersionsResponse__Output>): grpc.ClientUnaryCall;
  GetVersions(argument: _keyfrag_v1_GetVersionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_GetVersionsResponse__Output>): grpc.ClientUnaryCall;
  GetVersions(argument: _keyfrag_v1_GetVersionsRequest, callback: grpc.requestCallback<_keyfrag_v1_GetVersionsResponse__Output>): grpc.ClientUnaryCall;
  getVersions(argument: _keyfrag_v1_GetVersionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_GetVersionsResponse__Output>): grpc.ClientUnaryCall;
  getVersions(argument: _keyfrag_v1_GetVersionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_GetVersionsResponse__Output>): grpc.ClientUnaryCall;
  getVersions(argument: _keyfrag_v1_GetVersionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_GetVersionsResponse__Output>): grpc.ClientUnaryCall;
  getVersions(argument: _keyfrag_v1_GetVersionsRequest, callback: grpc.requestCallback<_keyfrag_v1_GetVersionsResponse__Output>): grpc.ClientUnaryCall;
  
  ListChanges(argument: _keyfrag_v1_ListChangesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListChangesResponse__Output>): grpc.ClientUnaryCall;
  ListChanges(argument: _keyfrag_v1_ListChangesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_ListChangesResponse__Output>): grpc.ClientUnaryCall;
  ListChanges(argument: _keyfrag_v1_ListChangesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListChangesResponse__Output>): grpc.ClientUnaryCall;
  ListChanges(argument: _keyfrag_v1_ListChangesRequest, callback: grpc.requestCallback<_keyfrag_v1_ListChangesResponse__Output>): grpc.ClientUnaryCall;
  listChanges(argument: _keyfrag_v1_ListChangesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListChangesResponse__Output>): grpc.ClientUnaryCall;
  listChanges(argument: _keyfrag_v1_ListChangesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_ListChangesResponse__Output>): grpc.ClientUnaryCall;
  listChanges(argument: _keyfrag_v1_ListChangesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListChangesResponse__Output>): grpc.ClientUnaryCall;
  listChanges(argument: _keyfrag_v1_ListChangesRequest, callback: grpc.requestCallback<_keyfrag_v1_ListChangesResponse__Output>): grpc.ClientUnaryCall;
  
  ListItems(argument: _keyfrag_v1_ListItemsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListItemsResponse__Output>): grpc.ClientUnaryCall;
  ListItems(argument: _keyfrag_v1_ListItemsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_ListItemsResponse__Output>): grpc.ClientUnaryCall;
  ListItems(argument: _keyfrag_v1_ListItemsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListItemsResponse__Output>): grpc.ClientUnaryCall;
  ListItems(argument: _keyfrag_v1_ListItemsRequest, callback: grpc.requestCallback<_keyfrag_v1_ListItemsResponse__Output>): grpc.ClientUnaryCall;
  listItems(argument: _keyfrag_v1_ListItemsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListItemsResponse__Output>): grpc.ClientUnaryCall;
  listItems(argument: _keyfrag_v1_ListItemsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_ListItemsResponse__Output>): grpc.ClientUnaryCall;
  listItems(argument: _keyfrag_v1_ListItemsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListItemsResponse__Output>): grpc.ClientUnaryCall;
  listItems(argument: _keyfrag_v1_ListItemsRequest, callback: grpc.requestCallback<_keyfrag_v1_ListItemsResponse__Output>): grpc.ClientUnaryCall;
  
  PurgeItem(argument: _keyfrag_v1_PurgeItemRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  PurgeItem(argument: _keyfrag_v1_PurgeItemRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  PurgeItem(argument: _keyfrag_v1_PurgeItemRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  PurgeItem(argument: _keyfrag_v1_PurgeItemRequest, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  purgeItem(argument: _keyfrag_v1_PurgeItemRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  purgeItem(argument: _keyfrag_v1_PurgeItemRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  purgeItem(argument: _keyfrag_v1_PurgeItemRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  purgeItem(argument: _keyfrag_v1_PurgeItemRequest, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  
  PutVersion(argument: _keyfrag_v1_PutVersionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  PutVersion(argument: _keyfrag_v1_PutVersionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  PutVersion(argument: _keyfrag_v1_PutVersionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  PutVersion(argument: _keyfrag_v1_PutVersionRequest, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  putVersion(argument: _keyfrag_v1_PutVersionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  putVersion(argument: _keyfrag_v1_PutVersionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  putVersion(argument: _keyfrag_v1_PutVersionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  putVersion(argument: _keyfrag_v1_PutVersionRequest, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  
  ReplaceCiphertext(argument: _keyfrag_v1_ReplaceCiphertextRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  ReplaceCiphertext(argument: _keyfrag_v1_ReplaceCiphertextRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  ReplaceCiphertext(argument: _keyfrag_v1_ReplaceCiphertextRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  ReplaceCiphertext(argument: _keyfrag_v1_ReplaceCiphertextRequest, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  replaceCiphertext(argument: _keyfrag_v1_ReplaceCiphertextRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  replaceCiphertext(argument: _keyfrag_v1_ReplaceCiphertextRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  replaceCiphertext(argument: _keyfrag_v1_ReplaceCiphertextRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  replaceCiphertext(argument: _keyfrag_v1_ReplaceCiphertextRequest, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  
  RestoreItem(argument: _keyfrag_v1_RestoreItemRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  RestoreItem(argument: _keyfrag_v1_RestoreItemRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  RestoreItem(argument: _keyfrag_v1_RestoreItemRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  RestoreItem(argument: _keyfrag_v1_RestoreItemRequest, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  restoreItem(argument: _keyfrag_v1_RestoreItemRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  restoreItem(argument: _keyfrag_v1_RestoreItemRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  restoreItem(argument: _keyfrag_v1_RestoreItemRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  restoreItem(argument: _keyfrag_v1_RestoreItemRequest, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  
}

export interface SecretsHandlers extends grpc.UntypedServiceImplementation {
  AddKeyVersion: grpc.handleUnaryCall<_keyfrag_v1_AddKeyVersionRequest__Output, _keyfrag_v1_Item>;
  
  CreateItem: grpc.handleUnaryCall<_keyfrag_v1_CreateItemRequest__Output, _keyfrag_v1_Item>;
  
  DeleteItem: grpc.handleUnaryCall<_keyfrag_v1_DeleteItemRequest__Output, _keyfrag_v1_Item>;
  
  DescribeItem: grpc.handleUnaryCall<_keyfrag_v1_DescribeItemRequest__Output, _keyfrag_v1_Item>;
  
  DestroyVersion: grpc.handleUnaryCall<_keyfrag_v1_DestroyVersionRequest__Output, _keyfrag_v1_Item>;
  
  GetVersions: grpc.handleUnaryCall<_keyfrag_v1_GetVersionsRequest__Output, _keyfrag_v1_GetVersionsResponse>;
  
  ListChanges: grpc.handleUnaryCall<_keyfrag_v1_ListChangesRequest__Output, _keyfrag_v1_ListChangesResponse>;
  
  ListItems: grpc.handleUnaryCall<_keyfrag_v1_ListItemsRequest__Output, _keyfrag_v1_ListItemsResponse>;
  
  PurgeItem: grpc.handleUnaryCall<_keyfrag_v1_PurgeItemRequest__Output, _keyfrag_v1_Item>;
  
  PutVersion: grpc.handleUnaryCall<_keyfrag_v1_PutVersionRequest__Output, _keyfrag_v1_Item>;
  
  ReplaceCiphertext: grpc.handleUnaryCall<_keyfrag_v1_ReplaceCiphertextRequest__Output, _keyfrag_v1_Item>;
  
  RestoreItem: grpc.handleUnaryCall<_keyfrag_v1_RestoreItemRequest__Output, _keyfrag_v1_Item>;
  
}

export interface SecretsDefinition extends grpc.ServiceDefinition {
  AddKeyVersion: MethodDefinition<_keyfrag_v1_AddKeyVersionRequest, _keyfrag_v1_Item, _keyfrag_v1_AddKeyVersionRequest__Output, _keyfrag_v1_Item__Output>
  CreateItem: MethodDefinition<_keyfrag_v1_CreateItemRequest, _keyfrag_v1_Item, _keyfrag_v1_CreateItemRequest__Output, _keyfrag_v1_Item__Output>
  DeleteItem: MethodDefinition<_keyfrag_v1_DeleteItemRequest, _keyfrag_v1_Item, _keyfrag_v1_DeleteItemRequest__Output, _keyfrag_v1_Item__Output>
  DescribeItem: MethodDefinition<_keyfrag_v1_DescribeItemRequest, _keyfrag_v1_Item, _keyfrag_v1_DescribeItemRequest__Output, _keyfrag_v1_Item__Output>
  DestroyVersion: MethodDefinition<_keyfrag_v1_DestroyVersionRequest, _keyfrag_v1_Item, _keyfrag_v1_DestroyVersionRequest__Output, _keyfrag_v1_Item__Output>
  GetVersions: MethodDefinition<_keyfrag_v1_GetVersionsRequest, _keyfrag_v1_GetVersionsResponse, _keyfrag_v1_GetVersionsRequest__Output, _keyfrag_v1_GetVersionsResponse__Output>
  ListChanges: MethodDefinition<_keyfrag_v1_ListChangesRequest, _keyfrag_v1_ListChangesResponse, _keyfrag_v1_ListChangesRequest__Output, _keyfrag_v1_ListChangesResponse__Output>
  ListItems: MethodDefinition<_keyfrag_v1_ListItemsRequest, _keyfrag_v1_ListItemsResponse, _keyfrag_v1_ListItemsRequest__Output, _keyfrag_v1_ListItemsResponse__Output>
  PurgeItem: MethodDefinition<_keyfrag_v1_PurgeItemRequest, _keyfrag_v1_Item, _keyfrag_v1_PurgeItemRequest__Output, _keyfrag_v1_Item__Output>
  PutVersion: MethodDefinition<_keyfrag_v1_PutVersionRequest, _keyfrag_v1_Item, _keyfrag_v1_PutVersionRequest__Output, _keyfrag_v1_Item__Output>
  ReplaceCiphertext: MethodDefinition<_keyfrag_v1_ReplaceCiphertextRequest, _keyfrag_v1_Item, _keyfrag_v1_ReplaceCiphertextRequest__Output, _keyfrag_v1_Item__Output>
  RestoreItem: MethodDefinition<_keyfrag_v1_RestoreItemRequest, _keyfrag_v1_Item, _keyfrag_v1_RestoreItemRequest__Output, _keyfrag_v1_Item__Output>
}
