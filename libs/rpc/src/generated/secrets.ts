import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { AddKeyVersionRequest as _keyfrag_v1_AddKeyVersionRequest, AddKeyVersionRequest__Output as _keyfrag_v1_AddKeyVersionRequest__Output } from './keyfrag/v1/AddKeyVersionRequest.js';
import type { CreateItemRequest as _keyfrag_v1_CreateItemRequest, CreateItemRequest__Output as _keyfrag_v1_CreateItemRequest__Output } from './keyfrag/v1/CreateItemRequest.js';
import type { DeleteItemRequest as _keyfrag_v1_DeleteItemRequest, DeleteItemRequest__Output as _keyfrag_v1_DeleteItemRequest__Output } from './keyfrag/v1/DeleteItemRequest.js';
import type { DescribeItemRequest as _keyfrag_v1_DescribeItemRequest, DescribeItemRequest__Output as _keyfrag_v1_DescribeItemRequest__Output } from './keyfrag/v1/DescribeItemRequest.js';
import type { DestroyVersionRequest as _keyfrag_v1_DestroyVersionRequest, DestroyVersionRequest__Output as _keyfrag_v1_DestroyVersionRequest__Output } from './keyfrag/v1/DestroyVersionRequest.js';
import type { DfcKeySpec as _keyfrag_v1_DfcKeySpec, DfcKeySpec__Output as _keyfrag_v1_DfcKeySpec__Output } from './keyfrag/v1/DfcKeySpec.js';
import type { GetVersionsRequest as _keyfrag_v1_GetVersionsRequest, GetVersionsRequest__Output as _keyfrag_v1_GetVersionsRequest__Output } from './keyfrag/v1/GetVersionsRequest.js';
import type { GetVersionsResponse as _keyfrag_v1_GetVersionsResponse, GetVersionsResponse__Output as _keyfrag_v1_GetVersionsResponse__Output } from './keyfrag/v1/GetVersionsResponse.js';
import type { Item as _keyfrag_v1_Item, Item__Output as _keyfrag_v1_Item__Output } from './keyfrag/v1/Item.js';
import type { ListChangesRequest as _keyfrag_v1_ListChangesRequest, ListChangesRequest__Output as _keyfrag_v1_ListChangesRequest__Output } from './keyfrag/v1/ListChangesRequest.js';
import type { ListChangesResponse as _keyfrag_v1_ListChangesResponse, ListChangesResponse__Output as _keyfrag_v1_ListChangesResponse__Output } from './keyfrag/v1/ListChangesResponse.js';
import type { ListItemsRequest as _keyfrag_v1_ListItemsRequest, ListItemsRequest__Output as _keyfrag_v1_ListItemsRequest__Output } from './keyfrag/v1/ListItemsRequest.js';
import type { ListItemsResponse as _keyfrag_v1_ListItemsResponse, ListItemsResponse__Output as _keyfrag_v1_ListItemsResponse__Output } from './keyfrag/v1/ListItemsResponse.js';
import type { PurgeItemRequest as _keyfrag_v1_PurgeItemRequest, PurgeItemRequest__Output as _keyfrag_v1_PurgeItemRequest__Output } from './keyfrag/v1/PurgeItemRequest.js';
import type { PutVersionRequest as _keyfrag_v1_PutVersionRequest, PutVersionRequest__Output as _keyfrag_v1_PutVersionRequest__Output } from './keyfrag/v1/PutVersionRequest.js';
import type { ReplaceCiphertextRequest as _keyfrag_v1_ReplaceCiphertextRequest, ReplaceCiphertextRequest__Output as _keyfrag_v1_ReplaceCiphertextRequest__Output } from './keyfrag/v1/ReplaceCiphertextRequest.js';
import type { RestoreItemRequest as _keyfrag_v1_RestoreItemRequest, RestoreItemRequest__Output as _keyfrag_v1_RestoreItemRequest__Output } from './keyfrag/v1/RestoreItemRequest.js';
import type { SealedKeySpec as _keyfrag_v1_SealedKeySpec, SealedKeySpec__Output as _keyfrag_v1_SealedKeySpec__Output } from './keyfrag/v1/SealedKeySpec.js';
import type { SecretsClient as _keyfrag_v1_SecretsClient, SecretsDefinition as _keyfrag_v1_SecretsDefinition } from './keyfrag/v1/Secrets.js';
import type { StoredVersion as _keyfrag_v1_StoredVersion, StoredVersion__Output as _keyfrag_v1_StoredVersion__Output } from './keyfrag/v1/StoredVersion.js';
import type { VersionInfo as _keyfrag_v1_VersionInfo, VersionInfo__Output as _keyfrag_v1_VersionInfo__Output } from './keyfrag/v1/VersionInfo.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  keyfrag: {
    v1: {
      AddKeyVersionRequest: MessageTypeDefinition<_keyfrag_v1_AddKeyVersionRequest, _keyfrag_v1_AddKeyVersionRequest__Output>
      CreateItemRequest: MessageTypeDefinition<_keyfrag_v1_CreateItemRequest, _keyfrag_v1_CreateItemRequest__Output>
      DeleteItemRequest: MessageTypeDefinition<_keyfrag_v1_DeleteItemRequest, _keyfrag_v1_DeleteItemRequest__Output>
      DescribeItemRequest: MessageTypeDefinition<_keyfrag_v1_DescribeItemRequest, _keyfrag_v1_DescribeItemRequest__Output>
      DestroyVersionRequest: MessageTypeDefinition<_keyfrag_v1_DestroyVersionRequest, _keyfrag_v1_DestroyVersionRequest__Output>
      DfcKeySpec: MessageTypeDefinition<_keyfrag_v1_DfcKeySpec, _keyfrag_v1_DfcKeySpec__Output>
      GetVersionsRequest: MessageTypeDefinition<_keyfrag_v1_GetVersionsRequest, _keyfrag_v1_GetVersionsRequest__Output>
      GetVersionsResponse: MessageTypeDefinition<_keyfrag_v1_GetVersionsResponse, _keyfrag_v1_GetVersionsResponse__Output>
      Item: MessageTypeDefinition<_keyfrag_v1_Item, _keyfrag_v1_Item__Output>
      ListChangesRequest: MessageTypeDefinition<_keyfrag_v1_ListChangesRequest, _keyfrag_v1_ListChangesRequest__Output>
      ListChangesResponse: MessageTypeDefinition<_keyfrag_v1_ListChangesResponse, _keyfrag_v1_ListChangesResponse__Output>
      ListItemsRequest: MessageTypeDefinition<_keyfrag_v1_ListItemsRequest, _keyfrag_v1_ListItemsRequest__Output>
      ListItemsResponse: MessageTypeDefinition<_keyfrag_v1_ListItemsResponse, _keyfrag_v1_ListItemsResponse__Output>
      PurgeItemRequest: MessageTypeDefinition<_keyfrag_v1_PurgeItemRequest, _keyfrag_v1_PurgeItemRequest__Output>
      PutVersionRequest: MessageTypeDefinition<_keyfrag_v1_PutVersionRequest, _keyfrag_v1_PutVersionRequest__Output>
      ReplaceCiphertextRequest: MessageTypeDefinition<_keyfrag_v1_ReplaceCiphertextRequest, _keyfrag_v1_ReplaceCiphertextRequest__Output>
      RestoreItemRequest: MessageTypeDefinition<_keyfrag_v1_RestoreItemRequest, _keyfrag_v1_RestoreItemRequest__Output>
      SealedKeySpec: MessageTypeDefinition<_keyfrag_v1_SealedKeySpec, _keyfrag_v1_SealedKeySpec__Output>
      Secrets: SubtypeConstructor<typeof grpc.Client, _keyfrag_v1_SecretsClient> & { service: _keyfrag_v1_SecretsDefinition }
      StoredVersion: MessageTypeDefinition<_keyfrag_v1_StoredVersion, _keyfrag_v1_StoredVersion__Output>
      VersionInfo: MessageTypeDefinition<_keyfrag_v1_VersionInfo, _keyfrag_v1_VersionInfo__Output>
    }
  }
}

