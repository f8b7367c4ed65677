// Original file: keyfrag/v1/gateway.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AssocRoleAuthMethodRequest as _keyfrag_v1_AssocRoleAuthMethodRequest, AssocRoleAuthMethodRequest__Output as _keyfrag_v1_AssocRoleAuthMethodRequest__Output } from '../../keyfrag/v1/AssocRoleAuthMethodRequest.js';
import type { Association as _keyfrag_v1_Association, Association__Output as _keyfrag_v1_Association__Output } from '../../keyfrag/v1/Association.js';
import type { AuthenticateResponse as _keyfrag_v1_AuthenticateResponse, AuthenticateResponse__Output as _keyfrag_v1_AuthenticateResponse__Output } from '../../keyfrag/v1/AuthenticateResponse.js';
import type { ClusterStatusRequest as _keyfrag_v1_ClusterStatusRequest, ClusterStatusRequest__Output as _keyfrag_v1_ClusterStatusRequest__Output } from '../../keyfrag/v1/ClusterStatusRequest.js';
import type { ClusterStatusResponse as _keyfrag_v1_ClusterStatusResponse, ClusterStatusResponse__Output as _keyfrag_v1_ClusterStatusResponse__Output } from '../../keyfrag/v1/ClusterStatusResponse.js';
import type { CreateAuthMethodRequest as _keyfrag_v1_CreateAuthMethodRequest, CreateAuthMethodRequest__Output as _keyfrag_v1_CreateAuthMethodRequest__Output } from '../../keyfrag/v1/CreateAuthMethodRequest.js';
import type { CreateAuthMethodResponse as _keyfrag_v1_CreateAuthMethodResponse, CreateAuthMethodResponse__Output as _keyfrag_v1_CreateAuthMethodResponse__Output } from '../../keyfrag/v1/CreateAuthMethodResponse.js';
import type { CreateDfcKeyRequest as _keyfrag_v1_CreateDfcKeyRequest, CreateDfcKeyRequest__Output as _keyfrag_v1_CreateDfcKeyRequest__Output } from '../../keyfrag/v1/CreateDfcKeyRequest.js';
import type { CreateRoleRequest as _keyfrag_v1_CreateRoleRequest, CreateRoleRequest__Output as _keyfrag_v1_CreateRoleRequest__Output } from '../../keyfrag/v1/CreateRoleRequest.js';
import type { CreateSecretRequest as _keyfrag_v1_CreateSecretRequest, CreateSecretRequest__Output as _keyfrag_v1_CreateSecretRequest__Output } from '../../keyfrag/v1/CreateSecretRequest.js';
import type { DecryptRequest as _keyfrag_v1_DecryptRequest, DecryptRequest__Output as _keyfrag_v1_DecryptRequest__Output } from '../../keyfrag/v1/DecryptRequest.js';
import type { DecryptResponse as _keyfrag_v1_DecryptResponse, DecryptResponse__Output as _keyfrag_v1_DecryptResponse__Output } from '../../keyfrag/v1/DecryptResponse.js';
import type { DeleteAuthMethodRequest as _keyfrag_v1_DeleteAuthMethodRequest, DeleteAuthMethodRequest__Output as _keyfrag_v1_DeleteAuthMethodRequest__Output } from '../../keyfrag/v1/DeleteAuthMethodRequest.js';
import type { DeleteAuthMethodResponse as _keyfrag_v1_DeleteAuthMethodResponse, DeleteAuthMethodResponse__Output as _keyfrag_v1_DeleteAuthMethodResponse__Output } from '../../keyfrag/v1/DeleteAuthMethodResponse.js';
import type { DeleteItemRequest as _keyfrag_v1_DeleteItemRequest, DeleteItemRequest__Output as _keyfrag_v1_DeleteItemRequest__Output } from '../../keyfrag/v1/DeleteItemRequest.js';
import type { DeleteRoleRequest as _keyfrag_v1_DeleteRoleRequest, DeleteRoleRequest__Output as _keyfrag_v1_DeleteRoleRequest__Output } from '../../keyfrag/v1/DeleteRoleRequest.js';
import type { DeleteRoleResponse as _keyfrag_v1_DeleteRoleResponse, DeleteRoleResponse__Output as _keyfrag_v1_DeleteRoleResponse__Output } from '../../keyfrag/v1/DeleteRoleResponse.js';
import type { DescribeItemRequest as _keyfrag_v1_DescribeItemRequest, DescribeItemRequest__Output as _keyfrag_v1_DescribeItemRequest__Output } from '../../keyfrag/v1/DescribeItemRequest.js';
import type { DescribeMyPermissionsRequest as _keyfrag_v1_DescribeMyPermissionsRequest, DescribeMyPermissionsRequest__Output as _keyfrag_v1_DescribeMyPermissionsRequest__Output } from '../../keyfrag/v1/DescribeMyPermissionsRequest.js';
import type { DescribePermissionsResponse as _keyfrag_v1_DescribePermissionsResponse, DescribePermissionsResponse__Output as _keyfrag_v1_DescribePermissionsResponse__Output } from '../../keyfrag/v1/DescribePermissionsResponse.js';
import type { EncryptRequest as _keyfrag_v1_EncryptRequest, EncryptRequest__Output as _keyfrag_v1_EncryptRequest__Output } from '../../keyfrag/v1/EncryptRequest.js';
import type { EncryptResponse as _keyfrag_v1_EncryptResponse, EncryptResponse__Output as _keyfrag_v1_EncryptResponse__Output } from '../../keyfrag/v1/EncryptResponse.js';
import type { GatewayAuthRequest as _keyfrag_v1_GatewayAuthRequest, GatewayAuthRequest__Output as _keyfrag_v1_GatewayAuthRequest__Output } from '../../keyfrag/v1/GatewayAuthRequest.js';
import type { GetPublicKeyRequest as _keyfrag_v1_GetPublicKeyRequest, GetPublicKeyRequest__Output as _keyfrag_v1_GetPublicKeyRequest__Output } from '../../keyfrag/v1/GetPublicKeyRequest.js';
import type { GetPublicKeyResponse as _keyfrag_v1_GetPublicKeyResponse, GetPublicKeyResponse__Output as _keyfrag_v1_GetPublicKeyResponse__Output } from '../../keyfrag/v1/GetPublicKeyResponse.js';
import type { GetRoleRequest as _keyfrag_v1_GetRoleRequest, GetRoleRequest__Output as _keyfrag_v1_GetRoleRequest__Output } from '../../keyfrag/v1/GetRoleRequest.js';
import type { GetSecretValueRequest as _keyfrag_v1_GetSecretValueRequest, GetSecretValueRequest__Output as _keyfrag_v1_GetSecretValueRequest__Output } from '../../keyfrag/v1/GetSecretValueRequest.js';
import type { GetSecretValueResponse as _keyfrag_v1_GetSecretValueResponse, GetSecretValueResponse__Output as _keyfrag_v1_GetSecretValueResponse__Output } from '../../keyfrag/v1/GetSecretValueResponse.js';
import type { Item as _keyfrag_v1_Item, Item__Output as _keyfrag_v1_Item__Output } from '../../keyfrag/v1/Item.js';
import type { ListAuthMethodsRequest as _keyfrag_v1_ListAuthMethodsRequest, ListAuthMethodsRequest__Output as _keyfrag_v1_ListAuthMethodsRequest__Output } from '../../keyfrag/v1/ListAuthMethodsRequest.js';
import type { ListAuthMethodsResponse as _keyfrag_v1_ListAuthMethodsResponse, ListAuthMethodsResponse__Output as _keyfrag_v1_ListAuthMethodsResponse__Output } from '../../keyfrag/v1/ListAuthMethodsResponse.js';
import type { ListItemsRequest as _keyfrag_v1_ListItemsRequest, ListItemsRequest__Output as _keyfrag_v1_ListItemsRequest__Output } from '../../keyfrag/v1/ListItemsRequest.js';
import type { ListItemsResponse as _keyfrag_v1_ListItemsResponse, ListItemsResponse__Output as _keyfrag_v1_ListItemsResponse__Output } from '../../keyfrag/v1/ListItemsResponse.js';
import type { ListRolesRequest as _keyfrag_v1_ListRolesRequest, ListRolesRequest__Output as _keyfrag_v1_ListRolesRequest__Output } from '../../keyfrag/v1/ListRolesRequest.js';
import type { ListRolesResponse as _keyfrag_v1_ListRolesResponse, ListRolesResponse__Output as _keyfrag_v1_ListRolesResponse__Output } from '../../keyfrag/v1/ListRolesResponse.js';
import type { QueryEventsRequest as _keyfrag_v1_QueryEventsRequest, QueryEventsRequest__Output as _keyfrag_v1_QueryEventsRequest__Output } from '../../keyfrag/v1/QueryEventsRequest.js';
import type { QueryEventsResponse as _keyfrag_v1_QueryEventsResponse, QueryEventsResponse__Output as _keyfrag_v1_QueryEventsResponse__Output } from '../../keyfrag/v1/QueryEventsResponse.js';
import type { RefreshKeyRequest as _keyfrag_v1_RefreshKeyRequest, RefreshKeyRequest__Output as _keyfrag_v1_RefreshKeyRequest__Output } from '../../keyfrag/v1/RefreshKeyRequest.js';
import type { RefreshKeyResponse as _keyfrag_v1_RefreshKeyResponse, RefreshKeyResponse__Output as _keyfrag_v1_RefreshKeyResponse__Output } from '../../keyfrag/v1/RefreshKeyResponse.js';
import type { RestoreItemRequest as _keyfrag_v1_RestoreItemRequest, RestoreItemRequest__Output as _keyfrag_v1_RestoreItemRequest__Output } from '../../keyfrag/v1/RestoreItemRequest.js';
import type { RevokeTokenRequest as _keyfrag_v1_RevokeTokenRequest, RevokeTokenRequest__Output as _keyfrag_v1_RevokeTokenRequest__Output } from '../../keyfrag/v1/RevokeTokenRequest.js';
import type { RevokeTokenResponse as _keyfrag_v1_RevokeTokenResponse, RevokeTokenResponse__Output as _keyfrag_v1_RevokeTokenResponse__Output } from '../../keyfrag/v1/RevokeTokenResponse.js';
import type { Role as _keyfrag_v1_Role, Role__Output as _keyfrag_v1_Role__Output } from '../../keyfrag/v1/Role.js';
import type { RotateKeyRequest as _keyfrag_v1_RotateKeyRequest, RotateKeyRequest__Output as _keyfrag_v1_RotateKeyRequest__Output } from '../../keyfrag/v1/RotateKeyRequest.js';
import type { SetRoleRuleRequest as _keyfrag_v1_SetRoleRuleRequest, SetRoleRuleRequest__Output as _keyfrag_v1_SetRoleRuleRequest__Output } from '../../keyfrag/v1/SetRoleRuleRequest.js';
import type { SignRequest as _keyfrag_v1_SignRequest, SignRequest__Output as _keyfrag_v1_SignRequest__Output } from '../../keyfrag/v1/SignRequest.js';
import type { SignResponse as _keyfrag_v1_SignResponse, SignResponse__Output as _keyfrag_v1_SignResponse__Output } from '../../keyfrag/v1/SignResponse.js';
import type { UpdateSecretValRequest as _keyfrag_v1_UpdateSecretValRequest, UpdateSecretValRequest__Output as _keyfrag_v1_UpdateSecretValRequest__Output } from '../../keyfrag/v1/UpdateSecretValRequest.js';
import type { VerifyRequest as _keyfrag_v1_VerifyRequest, VerifyRequest__Output as _keyfrag_v1_VerifyRequest__Output } from '../../keyfrag/v1/VerifyRequest.js';
import type { VerifyResponse as _keyfrag_v1_VerifyResponse, VerifyResponse__Output as _keyfrag_v1_VerifyResponse__Output } from '../../keyfrag/v1/VerifyResponse.js';

export interface GatewayClient extends grpc.Client {
  AssocRoleAuthMethod(argument: _keyfrag_v1_AssocRoleAuthMethodRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Association__Output>): grpc.ClientUnaryCall;
  AssocRoleAuthMethod(argument: _keyfrag_v1_AssocRoleAuthMethodRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Association__Output>): grpc.ClientUnaryCall;
  AssocRoleAuthMethod(argument: _keyfrag_v1_AssocRoleAuthMethodRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Association__Output>): grpc.ClientUnaryCall;
  AssocRoleAuthMethod(argument: _keyfrag_v1_AssocRoleAuthMethodRequest, callback: grpc.requestCallback<_keyfrag_v1_Association__Output>): grpc.ClientUnaryCall;
  assocRoleAuthMethod(argument: _keyfrag_v1_AssocRoleAuthMethodRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Association__Output>): grpc.ClientUnaryCall;
  assocRoleAuthMethod(argument: _keyfrag_v1_AssocRoleAuthMethodRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Association__Output>): grpc.ClientUnaryCall;
  assocRoleAuthMethod(argument: _keyfrag_v1_AssocRoleAuthMethodRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Association__Output>): grpc.ClientUnaryCall;
  assocRoleAuthMethod(argument: _keyfrag_v1_AssocRoleAuthMethodRequest, callback: grpc.requestCallback<_keyfrag_v1_Association__Output>): grpc.ClientUnaryCall;
  
  Auth(argument: _keyfrag_v1_GatewayAuthRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_AuthenticateResponse__Output>): grpc.ClientUnaryCall;
  Auth(argument: _keyfrag_v1_GatewayAuthRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_AuthenticateResponse__Output>): grpc.ClientUnaryCall;
  Auth(argument: _keyfrag_v1_GatewayAuthRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_AuthenticateResponse__Output>): grpc.ClientUnaryCall;
  Auth(argument: _keyfrag_v1_GatewayAuthRequest, callback: grpc.requestCallback<_keyfrag_v1_AuthenticateResponse__Output>): grpc.ClientUnaryCall;
  auth(argument: _keyfrag_v1_GatewayAuthRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_AuthenticateResponse__Output>): grpc.ClientUnaryCall;
  auth(argument: _keyfrag_v1_GatewayAuthRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_AuthenticateResponse__Output>): grpc.ClientUnaryCall;
  auth(argument: _keyfrag_v1_GatewayAuthRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_AuthenticateResponse__Output>): grpc.ClientUnaryCall;
  auth(argument: _keyfrag_v1_GatewayAuthRequest, callback: grpc.requestCallback<_keyfrag_v1_AuthenticateResponse__Output>): grpc.ClientUnaryCall;
  
  ClusterStatus(argument: _keyfrag_v1_ClusterStatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  ClusterStatus(argument: _keyfrag_v1_ClusterStatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_ClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  ClusterStatus(argument: _keyfrag_v1_ClusterStatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  ClusterStatus(argument: _keyfrag_v1_ClusterStatusRequest, callback: grpc.requestCallback<_keyfrag_v1_ClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  clusterStatus(argument: _keyfrag_v1_ClusterStatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  clusterStatus(argument: _keyfrag_v1_ClusterStatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_ClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  clusterStatus(argument: _keyfrag_v1_ClusterStatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  clusterStatus(argument: _keyfrag_v1_ClusterStatusRequest, callback: grpc.requestCallback<_keyfrag_v1_ClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  
  CreateAuthMethod(argument: _keyfrag_v1_CreateAuthMethodRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_CreateAuthMethodResponse__Output>): grpc.ClientUnaryCall;
  CreateAuthMethod(argument: _keyfrag_v1_CreateAuthMethodRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_CreateAuthMethodResponse__Output>): grpc.ClientUnaryCall;
  CreateAuthMethod(argument: _keyfrag_v1_CreateAuthMethodRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_CreateAuthMethodResponse__Output>): grpc.ClientUnaryCall;
  CreateAuthMethod(argument: _keyfrag_v1_CreateAuthMethodRequest, callback: grpc.requestCallback<_keyfrag_v1_CreateAuthMethodResponse__Output>): grpc.ClientUnaryCall;
  createAuthMethod(argument: _keyfrag_v1_CreateAuthMethodRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_CreateAuthMethodResponse__Output>): grpc.ClientUnaryCall;
  createAuthMethod(argument: _keyfrag_v1_CreateAuthMethodRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_CreateAuthMethodResponse__Output>): grpc.ClientUnaryCall;
  createAuthMethod(argument: _keyfrag_v1_CreateAuthMethodRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_CreateAuthMethodResponse__Output>): grpc.ClientUnaryCall;
  createAuthMethod(argument: _keyfrag_v1_CreateAuthMethodRequest, callback: grpc.requestCallback<_keyfrag_v1_CreateAuthMethodResponse__Output>): grpc.ClientUnaryCall;
  
  CreateDfcKey(argument: _keyfrag_v1_CreateDfcKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  CreateDfcKey(argument: _keyfrag_v1_CreateDfcKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  CreateDfcKey(argument: _keyfrag_v1_CreateDfcKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  CreateDfcKey(argument: _keyfrag_v1_CreateDfcKeyRequest, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  createDfcKey(argument: _keyfrag_v1_CreateDfcKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  createDfcKey(argument: _keyfrag_v1_CreateDfcKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  createDfcKey(argument: _keyfrag_v1_CreateDfcKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  createDfcKey(argument: _keyfrag_v1_CreateDfcKeyRequest, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  
  CreateRole(argument: _keyfrag_v1_CreateRoleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Role__Output>): grpc.ClientUnaryCall;
  CreateRole(argument: _keyfrag_v1_CreateRoleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Role__Output>): grpc.ClientUnaryCall;
  CreateRole(argument: _keyfrag_v1_CreateRoleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Role__Output>): grpc.ClientUnaryCall;
  CreateRole(argument: _keyfrag_v1_CreateRoleRequest, callback: grpc.requestCallback<_keyfrag_v1_Role__Output>): grpc.ClientUnaryCall;
  createRole(argument: _keyfrag_v1_CreateRoleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Role__Output>): grpc.ClientUnaryCall;
  createRole(argument: _keyfrag_v1_CreateRoleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Role__Output>): grpc.ClientUnaryCall;
  createRole(argument: _keyfrag_v1_CreateRoleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Role__Output>): grpc.ClientUnaryCall;
  createRole(argument: _keyfrag_v1_CreateRoleRequest, callback: grpc.requestCallback<_keyfrag_v1_Role__Output>): grpc.ClientUnaryCall;
  
  CreateSecret(argument: _keyfrag_v1_CreateSecretRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  CreateSecret(argument: _keyfrag_v1_CreateSecretRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  CreateSecret(argument: _keyfrag_v1_CreateSecretRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  CreateSecret(argument: _keyfrag_v1_CreateSecretRequest, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  createSecret(argument: _keyfrag_v1_CreateSecretRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  createSecret(argument: _keyfrag_v1_CreateSecretRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  createSecret(argument: _keyfrag_v1_CreateSecretRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  createSecret(argument: _keyfrag_v1_CreateSecretRequest, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  
  Decrypt(argument: _keyfrag_v1_DecryptRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DecryptResponse__Output>): grpc.ClientUnaryCall;
  Decrypt(argument: _keyfrag_v1_DecryptRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_DecryptResponse__Output>): grpc.ClientUnaryCall;
  Decrypt(argument: _keyfrag_v1_DecryptRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DecryptResponse__Output>): grpc.ClientUnaryCall;
  Decrypt(argument: _keyfrag_v1_DecryptRequest, callback: grpc.requestCallback<_keyfrag_v1_DecryptResponse__Output>): grpc.ClientUnaryCall;
  decrypt(argument: _keyfrag_v1_DecryptRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DecryptResponse__Output>): grpc.ClientUnaryCall;
  decrypt(argument: _keyfrag_v1_DecryptRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_DecryptResponse__Output>): grpc.ClientUnaryCall;
  decrypt(argument: _keyfrag_v1_DecryptRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DecryptResponse__Output>): grpc.ClientUnaryCall;
  decrypt(argument: _keyfrag_v1_DecryptRequest, callback: grpc.requestCallback<_keyfrag_v1_DecryptResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteAuthMethod(argument: _keyfrag_v1_DeleteAuthMethodRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DeleteAuthMethodResponse__Output>): grpc.ClientUnaryCall;
  DeleteAuthMethod(argument: _keyfrag_v1_DeleteAuthMethodRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_DeleteAuthMethodResponse__Output>): grpc.ClientUnaryCall;
  DeleteAuthMethod(argument: _keyfrag_v1_DeleteAuthMethodRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DeleteAuthMethodResponse__Output>): grpc.ClientUnaryCall;
  DeleteAuthMethod(argument: _keyfrag_v1_DeleteAuthMethodRequest, callback: grpc.requestCallback<_keyfrag_v1_DeleteAuthMethodResponse__Output>): grpc.ClientUnaryCall;
  deleteAuthMethod(argument: _keyfrag_v1_DeleteAuthMethodRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DeleteAuthMethodResponse__Output>): grpc.ClientUnaryCall;
  deleteAuthMethod(argument: _keyfrag_v1_DeleteAuthMethodRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_DeleteAuthMethodResponse__Output>): grpc.ClientUnaryCall;
  deleteAuthMethod(argument: _keyfrag_v1_DeleteAuthMethodRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DeleteAuthMethodResponse__Output>): grpc.ClientUnaryCall;
  deleteAuthMethod(argument: _keyfrag_v1_DeleteAuthMethodRequest, callback: grpc.requestCallback<_keyfrag_v1_DeleteAuthMethodResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteItem(argument: _keyfrag_v1_DeleteItemRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  DeleteItem(argument: _keyfrag_v1_DeleteItemRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  DeleteItem(argument: _keyfrag_v1_DeleteItemRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  DeleteItem(argument: _keyfrag_v1_DeleteItemRequest, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  deleteItem(argument: _keyfrag_v1_DeleteItemRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  deleteItem(argument: _keyfrag_v1_DeleteItemRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  deleteItem(argument: _keyfrag_v1_DeleteItemRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  deleteItem(argument: _keyfrag_v1_DeleteItemRequest, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  
  DeleteRole(argument: _keyfrag_v1_DeleteRoleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DeleteRoleResponse__Output>): grpc.ClientUnaryCall;
  DeleteRole(argument: _keyfrag_v1_DeleteRoleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_DeleteRoleResponse__Output>): grpc.ClientUnaryCall;
  DeleteRole(argument: _keyfrag_v1_DeleteRoleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DeleteRoleResponse__Output>): grpc.ClientUnaryCall;
  DeleteRole(argument: _keyfrag_v1_DeleteRoleRequest, callback: grpc.requestCallback<_keyfrag_v1_DeleteRoleResponse__Output>): grpc.ClientUnaryCall;
  deleteRole(argument: _keyfrag_v1_DeleteRoleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DeleteRoleResponse__Output>): grpc.ClientUnaryCall;
  deleteRole(argument: _keyfrag_v1_DeleteRoleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_DeleteRoleResponse__Output>): grpc.ClientUnaryCall;
  deleteRole(argument: _keyfrag_v1_DeleteRoleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DeleteRoleResponse__Output>): grpc.ClientUnaryCall;
  deleteRole(argument: _keyfrag_v1_DeleteRoleRequest, callback: grpc.requestCallback<_keyfrag_v1_DeleteRoleResponse__Output>): grpc.ClientUnaryCall;
  
  DescribeItem(argument: _keyfrag_v1_DescribeItemRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  DescribeItem(argument: _keyfrag_v1_DescribeItemRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  DescribeItem(argument: _keyfrag_v1_DescribeItemRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  DescribeItem(argument: _keyfrag_v1_DescribeItemRequest, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  describeItem(argument: _keyfrag_v1_DescribeItemRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  describeItem(argument: _keyfrag_v1_DescribeItemRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  describeItem(argument: _keyfrag_v1_DescribeItemRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  describeItem(argument: _keyfrag_v1_DescribeItemRequest, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  
  DescribePermissions(argument: _keyfrag_v1_DescribeMyPermissionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DescribePermissionsResponse__Output>): grpc.ClientUnaryCall;
  DescribePermissions(argument: _keyfrag_v1_DescribeMyPermissionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_DescribePermissionsResponse__Output>): grpc.ClientUnaryCall;
  DescribePermissions(argument: _keyfrag_v1_DescribeMyPermissionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DescribePermissionsResponse__Output>): grpc.ClientUnaryCall;
  DescribePermissions(argument: _keyfrag_v1_DescribeMyPermissionsRequest, callback: grpc.requestCallback<_keyfrag_v1_DescribePermissionsResponse__Output>): grpc.ClientUnaryCall;
  describePermissions(argument: _keyfrag_v1_DescribeMyPermissionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DescribePermissionsResponse__Output>): grpc.ClientUnaryCall;
  describePermissions(argument: _keyfrag_v1_DescribeMyPermissionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_DescribePermissionsResponse__Output>): grpc.ClientUnaryCall;
  describePermissions(argument: _keyfrag_v1_DescribeMyPermissionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DescribePermissionsResponse__Output>): grpc.ClientUnaryCall;
  describePermissions(argument: _keyfrag_v1_DescribeMyPermissionsRequest, callback: grpc.requestCallback<_keyfrag_v1_DescribePermissionsResponse__Output>): grpc.ClientUnaryCall;
  
  Encrypt(argument: _keyfrag_v1_EncryptRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_EncryptResponse__Output>): grpc.ClientUnaryCall;
  Encrypt(argument: _keyfrag_v1_EncryptRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_EncryptResponse__Output>): grpc.ClientUnaryCall;
  Encrypt(argument: _keyfrag_v1_EncryptRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_EncryptResponse__Output>): grpc.ClientUnaryCall;
  Encrypt(argument: _keyfrag_v1_EncryptRequest, callback: grpc.requestCallback<_keyfrag_v1_EncryptResponse__Output>): grpc.ClientUnaryCall;
  encrypt(argument: _keyfrag_v1_EncryptRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_EncryptResponse__Output>): grpc.ClientUnaryCall;
  encrypt(argument: _keyfrag_v1_EncryptRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_EncryptResponse__Output>): grpc.ClientUnaryCall;
  encrypt(argument: _keyfrag_v1_EncryptRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_EncryptResponse__Output>): grpc.ClientUnaryCall;
  encrypt(argument: _keyfrag_v1_EncryptRequest, callback: grpc.requestCallback<_keyfrag_v1_EncryptResponse__Output>): grpc.ClientUnaryCall;
  
  GetAuditEvents(argument: _keyfrag_v1_QueryEventsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_QueryEventsResponse__Output>): grpc.ClientUnaryCall;
  GetAuditEvents(argument: _keyfrag_v1_QueryEventsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_QueryEventsResponse__Output>): grpc.ClientUnaryCall;
  GetAuditEvents(argument: _keyfrag_v1_QueryEventsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_QueryEventsResponse__Output>): grpc.ClientUnaryCall;
  GetAuditEvents(argument: _keyfrag_v1_QueryEventsRequest, callback: grpc.requestCallback<_keyfrag_v1_QueryEventsResponse__Output>): grpc.ClientUnaryCall;
  getAuditEvents(argument: _keyfrag_v1_QueryEventsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_QueryEventsResponse__Output>): grpc.ClientUnaryCall;
  getAuditEvents(argument: _keyfrag_v1_QueryEventsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_QueryEventsResponse__Output>): grpc.ClientUnaryCall;
  getAuditEvents(argument: _keyfrag_v1_QueryEventsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_QueryEventsResponse__Output>): grpc.ClientUnaryCall;
  getAuditEvents(argument: _keyfrag_v1_QueryEventsRequest, callback: grpc.requestCallback<_keyfrag_v1_QueryEventsResponse__Output>): grpc.ClientUnaryCall;
  
  GetPublicKey(argument: _keyfrag_v1_GetPublicKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_GetPublicKeyResponse__Output>): grpc.ClientUnaryCall;
  GetPublicKey(argument: _keyfrag_v1_GetPublicKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_GetPublicKeyResponse__Output>): grpc.ClientUnaryCall;
  GetPublicKey(argument: _keyfrag_v1_GetPublicKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_GetPublicKeyResponse__Output>): grpc.ClientUnaryCall;
  GetPublicKey(argument: _keyfrag_v1_GetPublicKeyRequest, callback: grpc.requestCallback<_keyfrag_v1_GetPublicKeyResponse__Output>): grpc.ClientUnaryCall;
  getPublicKey(argument: _keyfrag_v1_GetPublicKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_GetPublicKeyResponse__Output>): grpc.ClientUnaryCall;
  getPublicKey(argument: _keyfrag_v1_GetPublicKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_GetPublicKeyResponse__Output>): grpc.ClientUnaryCall;
  getPublicKey(argument: _keyfrag_v1_GetPublicKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_GetPublicKeyResponse__Output>): grpc.ClientUnaryCall;
  getPublicKey(argument: _keyfrag_v1_GetPublicKeyRequest, callback: grpc.requestCallback<_keyfrag_v1_GetPublicKeyResponse__Output>): grpc.ClientUnaryCall;
  
  GetRole(argument: _keyfrag_v1_GetRoleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Role__Output>): grpc.ClientUnaryCall;
  GetRole(argument: _keyfrag_v1_GetRoleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Role__Output>): grpc.ClientUnaryCall;
  GetRole(argument: _keyfrag_v1_GetRoleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Role__Output>): grpc.ClientUnaryCall;
  GetRole(argument: _keyfrag_v1_GetRoleRequest, callback: grpc.requestCallback<_keyfrag_v1_Role__Output>): grpc.ClientUnaryCall;
  getRole(argument: _keyfrag_v1_GetRoleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Role__Output>): grpc.ClientUnaryCall;
  getRole(argument: _keyfrag_v1_GetRoleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Role__Output>): grpc.ClientUnaryCall;
  getRole(argument: _keyfrag_v1_GetRoleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Role__Output>): grpc.ClientUnaryCall;
  getRole(argument: _keyfrag_v1_GetRoleRequest, callback: grpc.requestCallback<_keyfrag_v1_Role__Output>): grpc.ClientUnaryCall;
  
  GetSecretValue(argument: _keyfrag_v1_GetSecretValueRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_GetSecretValueResponse__Output>): grpc.ClientUnaryCall;
  GetSecretValue(argument: _keyfrag_v1_GetSecretValueRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_GetSecretValueResponse__Output>): grpc.ClientUnaryCall;
  GetSecretValue(argument: _keyfrag_v1_GetSecretValueRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_GetSecretValueResponse__Output>): grpc.ClientUnaryCall;
  GetSecretValue(argument: _keyfrag_v1_GetSecretValueRequest, callback: grpc.requestCallback<_keyfrag_v1_GetSecretValueResponse__Output>): grpc.ClientUnaryCall;
  getSecretValue(argument: _keyfrag_v1_GetSecretValueRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_GetSecretValueResponse__Output>): grpc.ClientUnaryCall;
  getSecretValue(argument: _keyfrag_v1_GetSecretValueRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_GetSecretValueResponse__Output>): grpc.ClientUnaryCall;
  getSecretValue(argument: _keyfrag_v1_GetSecretValueRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_GetSecretValueResponse__Output>): grpc.ClientUnaryCall;
  getSecretValue(argument: _keyfrag_v1_GetSecretValueRequest, callback: grpc.requestCallback<_keyfrag_v1_GetSecretValueResponse__Output>): grpc.ClientUnaryCall;
  
  ListAuthMethods(argument: _keyfrag_v1_ListAuthMethodsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListAuthMethodsResponse__Output>): grpc.ClientUnaryCall;
  ListAuthMethods(argument: _keyfrag_v1_ListAuthMethodsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_ListAuthMethodsResponse__Output>): grpc.ClientUnaryCall;
  ListAuthMethods(argument: _keyfrag_v1_ListAuthMethodsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListAuthMethodsResponse__Output>): grpc.ClientUnaryCall;
  ListAuthMethods(argument: _keyfrag_v1_ListAuthMethodsRequest, callback: grpc.requestCallback<_keyfrag_v1_ListAuthMethodsResponse__Output>): grpc.ClientUnaryCall;
  listAuthMethods(argument: _keyfrag_v1_ListAuthMethodsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListAuthMethodsResponse__Output>): grpc.ClientUnaryCall;
  listAuthMethods(argument: _keyfrag_v1_ListAuthMethodsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_ListAuthMethodsResponse__Output>): grpc.ClientUnaryCall;
  listAuthMethods(argument: _keyfrag_v1_ListAuthMethodsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListAuthMethodsResponse__Output>): grpc.ClientUnaryCall;
  listAuthMethods(argument: _keyfrag_v1_ListAuthMethodsRequest, callback: grpc.requestCallback<_keyfrag_v1_ListAuthMethodsResponse__Output>): grpc.ClientUnaryCall;
  
  ListItems(argument: _keyfrag_v1_ListItemsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListItemsResponse__Output>): grpc.ClientUnaryCall;
  ListItems(argument: _keyfrag_v1_ListItemsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_ListItemsResponse__Output>): grpc.ClientUnaryCall;
  ListItems(argument: _keyfrag_v1_ListItemsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListItemsResponse__Output>): grpc.ClientUnaryCall;
  ListItems(argument: _keyfrag_v1_ListItemsRequest, callback: grpc.requestCallback<_keyfrag_v1_ListItemsResponse__Output>): grpc.ClientUnaryCall;
  listItems(argument: _keyfrag_v1_ListItemsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListItemsResponse__Output>): grpc.ClientUnaryCall;
  listItems(argument: _keyfrag_v1_ListItemsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_ListItemsResponse__Output>): grpc.ClientUnaryCall;
  listItems(argument: _keyfrag_v1_ListItemsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListItemsResponse__Output>): grpc.ClientUnaryCall;
  listItems(argument: _keyfrag_v1_ListItemsRequest, callback: grpc.requestCallback<_keyfrag_v1_ListItemsResponse__Output>): grpc.ClientUnaryCall;
  
  ListRoles(argument: _keyfrag_v1_ListRolesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListRolesResponse__Output>): grpc.ClientUnaryCall;
  ListRoles(argument: _keyfrag_v1_ListRolesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_ListRolesResponse__Output>): grpc.ClientUnaryCall;
  ListRoles(argument: _keyfrag_v1_ListRolesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListRolesResponse__Output>): grpc.ClientUnaryCall;
  ListRoles(argument: _keyfrag_v1_ListRolesRequest, callback: grpc.requestCallback<_keyfrag_v1_ListRolesResponse__Output>): grpc.ClientUnaryCall;
  listRoles(argument: _keyfrag_v1_ListRolesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListRolesResponse__Output>): grpc.ClientUnaryCall;
  listRoles(argument: _keyfrag_v1_ListRolesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_ListRolesResponse__Output>): grpc.ClientUnaryCall;
  listRoles(argument: _keyfrag_v1_ListRolesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListRolesResponse__Output>): grpc.ClientUnaryCall;
  listRoles(argument: _keyfrag_v1_ListRolesRequest, callback: grpc.requestCallback<_keyfrag_v1_ListRolesResponse__Output>): grpc.ClientUnaryCall;
  
  RefreshKey(argument: _keyfrag_v1_RefreshKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_RefreshKeyResponse__Output>): grpc.ClientUnaryCall;
  RefreshKey(argument: _keyfrag_v1_RefreshKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_RefreshKeyResponse__Output>): grpc.ClientUnaryCall;
  RefreshKey(argument: _keyfrag_v1_RefreshKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_RefreshKeyResponse__Output>): grpc.ClientUnaryCall;
  RefreshKey(argument: _keyfrag_v1_RefreshKeyRequest, callback: grpc.requestCallback<_keyfrag_v1_RefreshKeyResponse__Output>): grpc.ClientUnaryCall;
  refreshKey(argument: _keyfrag_v1_RefreshKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_RefreshKeyResponse__Output>): grpc.ClientUnaryCall;
  refreshKey(argument: _keyfrag_v1_RefreshKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_RefreshKeyResponse__Output>): grpc.ClientUnaryCall;
  refreshKey(argument: _keyfrag_v1_RefreshKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_RefreshKeyResponse__Output>): grpc.ClientUnaryCall;
  refreshKey(argument: _keyfrag_v1_RefreshKeyRequest, callback: grpc.requestCallback<_keyfrag_v1_RefreshKeyResponse__Output>): grpc.ClientUnaryCall;
  
  RestoreItem(argument: _keyfrag_v1_RestoreItemRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  RestoreItem(argument: _keyfrag_v1_RestoreItemRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  RestoreItem(argument: _keyfrag_v1_RestoreItemRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  RestoreItem(argument: _keyfrag_v1_RestoreItemRequest, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  restoreItem(argument: _keyfrag_v1_RestoreItemRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  restoreItem(argument: _keyfrag_v1_RestoreItemRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  restoreItem(argument: _keyfrag_v1_RestoreItemRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  restoreItem(argument: _keyfrag_v1_RestoreItemRequest, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  
  RevokeToken(argument: _keyfrag_v1_RevokeTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  RevokeToken(argument: _keyfrag_v1_RevokeTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  RevokeToken(argument: _keyfrag_v1_RevokeTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  RevokeToken(argument: _keyfrag_v1_RevokeTokenRequest, callback: grpc.requestCallback<_keyfrag_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  revokeToken(argument: _keyfrag_v1_RevokeTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  revokeToken(argument: _keyfrag_v1_RevokeTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  revokeToken(argument: _keyfrag_v1_RevokeTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  revokeToken(argument: _keyfrag_v1_RevokeTokenRequest, callback: grpc.requestCallback<_keyfrag_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  
  RotateKey(argument: _keyfrag_v1_RotateKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  RotateKey(argument: _keyfrag_v1_RotateKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  RotateKey(argument: _keyfrag_v1_RotateKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  RotateKey(argument: _keyfrag_v1_RotateKeyRequest, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  rotateKey(argument: _keyfrag_v1_RotateKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  rotateKey(argument: _keyfrag_v1_RotateKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  rotateKey(argument: _keyfrag_v1_RotateKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  rotateKey(argument: _keyfrag_v1_RotateKeyRequest, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  
  SetRoleRule(argument: _keyfrag_v1_SetRoleRuleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Role__Output>): grpc.ClientUnaryCall;
  SetRoleRule(argument: _keyfrag_v1_SetRoleRuleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Role__Output>): grpc.ClientUnaryCall;
  SetRoleRule(argument: _keyfrag_v1_SetRoleRuleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Role__Output>): grpc.ClientUnaryCall;
  SetRoleRule(argument: _keyfrag_v1_SetRoleRuleRequest, callback: grpc.requestCallback<_keyfrag_v1_Role__Output>): grpc.ClientUnaryCall;
  setRoleRule(argument: _keyfrag_v1_SetRoleRuleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Role__Output>): grpc.ClientUnaryCall;
  setRoleRule(argument: _keyfrag_v1_SetRoleRuleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Role__Output>): grpc.ClientUnaryCall;
  setRoleRule(argument: _keyfrag_v1_SetRoleRuleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Role__Output>): grpc.ClientUnaryCall;
  setRoleRule(argument: _keyfrag_v1_SetRoleRuleRequest, callback: grpc.requestCallback<_keyfrag_v1_Role__Output>): grpc.ClientUnaryCall;
  
  Sign(argument: _keyfrag_v1_SignRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_SignResponse__Output>): grpc.ClientUnaryCall;
  Sign(argument: _keyfrag_v1_SignRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_SignResponse__Output>): grpc.ClientUnaryCall;
  Sign(argument: _keyfrag_v1_SignRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_SignResponse__Output>): grpc.ClientUnaryCall;
  Sign(argument: _keyfrag_v1_SignRequest, callback: grpc.requestCallback<_keyfrag_v1_SignResponse__Output>): grpc.ClientUnaryCall;
  sign(argument: _keyfrag_v1_SignRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_SignResponse__Output>): grpc.ClientUnaryCall;
  sign(argument: _keyfrag_v1_SignRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_SignResponse__Output>): grpc.ClientUnaryCall;
  sign(argument: _keyfrag_v1_SignRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_SignResponse__Output>): grpc.ClientUnaryCall;
  sign(argument: _keyfrag_v1_SignRequest, callback: grpc.requestCallback<_keyfrag_v1_SignResponse__Output>): grpc.ClientUnaryCall;
  
  UpdateSecretVal(argument: _keyfrag_v1_UpdateSecretValRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  UpdateSecretVal(argument: _keyfrag_v1_UpdateSecretValRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  UpdateSecretVal(argument: _keyfrag_v1_UpdateSecretValRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  UpdateSecretVal(argument: _keyfrag_v1_UpdateSecretValRequest, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  updateSecretVal(argument: _keyfrag_v1_UpdateSecretValRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  updateSecretVal(argument: _keyfrag_v1_UpdateSecretValRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  updateSecretVal(argument: _keyfrag_v1_UpdateSecretValRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  updateSecretVal(argument: _keyfrag_v1_UpdateSecretValRequest, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  
  Verify(argument: _keyfrag_v1_VerifyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_VerifyResponse__Output>): grpc.ClientUnaryCall;
  Verify(argument: _keyfrag_v1_VerifyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_VerifyResponse__Output>): grpc.ClientUnaryCall;
  Verify(argument: _keyfrag_v1_VerifyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_VerifyResponse__Output>): grpc.ClientUnaryCall;
  Verify(argument: _keyfrag_v1_VerifyRequest, callback: grpc.requestCallback<_keyfrag_v1_VerifyResponse__Output>): grpc.ClientUnaryCall;
  verify(argument: _keyfrag_v1_VerifyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_VerifyResponse__Output>): grpc.ClientUnaryCall;
  verify(argument: _keyfrag_v1_VerifyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_VerifyResponse__Output>): grpc.ClientUnaryCall;
  verify(argument: _keyfrag_v1_VerifyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_VerifyResponse__Output>): grpc.ClientUnaryCall;
  verify(argument: _keyfrag_v1_VerifyRequest, callback: grpc.requestCallback<_keyfrag_v1_VerifyResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface GatewayHandlers extends grpc.UntypedServiceImplementation {
  AssocRoleAuthMethod: grpc.handleUnaryCall<_keyfrag_v1_AssocRoleAuthMethodRequest__Output, _keyfrag_v1_Association>;
  
  Auth: grpc.handleUnaryCall<_keyfrag_v1_GatewayAuthRequest__Output, _keyfrag_v1_AuthenticateResponse>;
  
  ClusterStatus: grpc.handleUnaryCall<_keyfrag_v1_ClusterStatusRequest__Output, _keyfrag_v1_ClusterStatusResponse>;
  
  CreateAuthMethod: grpc.handleUnaryCall<_keyfrag_v1_CreateAuthMethodRequest__Output, _keyfrag_v1_CreateAuthMethodResponse>;
  
  CreateDfcKey: grpc.handleUnaryCall<_keyfrag_v1_CreateDfcKeyRequest__Output, _keyfrag_v1_Item>;
  
  CreateRole: grpc.handleUnaryCall<_keyfrag_v1_CreateRoleRequest__Output, _keyfrag_v1_Role>;
  
  CreateSecret: grpc.handleUnaryCall<_keyfrag_v1_CreateSecretRequest__Output, _keyfrag_v1_Item>;
  
  Decrypt: grpc.handleUnaryCall<_keyfrag_v1_DecryptRequest__Output, _keyfrag_v1_DecryptResponse>;
  
  DeleteAuthMethod: grpc.handleUnaryCall<_keyfrag_v1_DeleteAuthMethodRequest__Output, _keyfrag_v1_DeleteAuthMethodResponse>;
  
  DeleteItem: grpc.handleUnaryCall<_keyfrag_v1_DeleteItemRequest__Output, _keyfrag_v1_Item>;
  
  DeleteRole: grpc.handleUnaryCall<_keyfrag_v1_DeleteRoleRequest__Output, _keyfrag_v1_DeleteRoleResponse>;
  
  DescribeItem: grpc.handleUnaryCall<_keyfrag_v1_DescribeItemRequest__Output, _keyfrag_v1_Item>;
  
  DescribePermissions: grpc.handleUnaryCall<_keyfrag_v1_DescribeMyPermissionsRequest__Output, _keyfrag_v1_DescribePermissionsResponse>;
  
  Encrypt: grpc.handleUnaryCall<_keyfrag_v1_EncryptRequest__Output, _keyfrag_v1_EncryptResponse>;
  
  GetAuditEvents: grpc.handleUnaryCall<_keyfrag_v1_QueryEventsRequest__Output, _keyfrag_v1_QueryEventsResponse>;
  
  GetPublicKey: grpc.handleUnaryCall<_keyfrag_v1_GetPublicKeyRequest__Output, _keyfrag_v1_GetPublicKeyResponse>;
  
  GetRole: grpc.handleUnaryCall<_keyfrag_v1_GetRoleRequest__Output, _keyfrag_v1_Role>;
  
  GetSecretValue: grpc.handleUnaryCall<_keyfrag_v1_GetSecretValueRequest__Output, _keyfrag_v1_GetSecretValueResponse>;
  
  ListAuthMethods: grpc.handleUnaryCall<_keyfrag_v1_ListAuthMethodsRequest__Output, _keyfrag_v1_ListAuthMethodsResponse>;
  
  ListItems: grpc.handleUnaryCall<_keyfrag_v1_ListItemsRequest__Output, _keyfrag_v1_ListItemsResponse>;
  
  ListRoles: grpc.handleUnaryCall<_keyfrag_v1_ListRolesRequest__Output, _keyfrag_v1_ListRolesResponse>;
  
  RefreshKey: grpc.handleUnaryCall<_keyfrag_v1_RefreshKeyRequest__Output, _keyfrag_v1_RefreshKeyResponse>;
  
  RestoreItem: grpc.handleUnaryCall<_keyfrag_v1_RestoreItemRequest__Output, _keyfrag_v1_Item>;
  
  RevokeToken: grpc.handleUnaryCall<_keyfrag_v1_RevokeTokenRequest__Output, _keyfrag_v1_RevokeTokenResponse>;
  
  RotateKey: grpc.handleUnaryCall<_keyfrag_v1_RotateKeyRequest__Output, _keyfrag_v1_Item>;
  
  SetRoleRule: grpc.handleUnaryCall<_keyfrag_v1_SetRoleRuleRequest__Output, _keyfrag_v1_Role>;
  
  Sign: grpc.handleUnaryCall<_keyfrag_v1_SignRequest__Output, _keyfrag_v1_SignResponse>;
  
  UpdateSecretVal: grpc.handleUnaryCall<_keyfrag_v1_UpdateSecretValRequest__Output, _keyfrag_v1_Item>;
  
  Verify: grpc.handleUnaryCall<_keyfrag_v1_VerifyRequest__Output, _keyfrag_v1_VerifyResponse>;
  
}

export interface GatewayDefinition extends grpc.ServiceDefinition {
  AssocRoleAuthMethod: MethodDefinition<_keyfrag_v1_AssocRoleAuthMethodRequest, _keyfrag_v1_Association, _keyfrag_v1_AssocRoleAuthMethodRequest__Output, _keyfrag_v1_Association__Output>
  Auth: MethodDefinition<_keyfrag_v1_GatewayAuthRequest, _keyfrag_v1_AuthenticateResponse, _keyfrag_v1_GatewayAuthRequest__Output, _keyfrag_v1_AuthenticateResponse__Output>
  ClusterStatus: MethodDefinition<_keyfrag_v1_ClusterStatusRequest, _keyfrag_v1_ClusterStatusResponse, _keyfrag_v1_ClusterStatusRequest__Output, _keyfrag_v1_ClusterStatusResponse__Output>
  CreateAuthMethod: MethodDefinition<_keyfrag_v1_CreateAuthMethodRequest, _keyfrag_v1_CreateAuthMethodResponse, _keyfrag_v1_CreateAuthMethodRequest__Output, _keyfrag_v1_CreateAuthMethodResponse__Output>
  CreateDfcKey: MethodDefinition<_keyfrag_v1_CreateDfcKeyRequest, _keyfrag_v1_Item, _keyfrag_v1_CreateDfcKeyRequest__Output, _keyfrag_v1_Item__Output>
  CreateRole: MethodDefinition<_keyfrag_v1_CreateRoleRequest, _keyfrag_v1_Role, _keyfrag_v1_CreateRoleRequest__Output, _keyfrag_v1_Role__Output>
  CreateSecret: MethodDefinition<_keyfrag_v1_CreateSecretRequest, _keyfrag_v1_Item, _keyfrag_v1_CreateSecretRequest__Output, _keyfrag_v1_Item__Output>
  Decrypt: MethodDefinition<_keyfrag_v1_DecryptRequest, _keyfrag_v1_DecryptResponse, _keyfrag_v1_DecryptRequest__Output, _keyfrag_v1_DecryptResponse__Output>
  DeleteAuthMethod: MethodDefinition<_keyfrag_v1_DeleteAuthMethodRequest, _keyfrag_v1_DeleteAuthMethodResponse, _keyfrag_v1_DeleteAuthMethodRequest__Output, _keyfrag_v1_DeleteAuthMethodResponse__Output>
  DeleteItem: MethodDefinition<_keyfrag_v1_DeleteItemRequest, _keyfrag_v1_Item, _keyfrag_v1_DeleteItemRequest__Output, _keyfrag_v1_Item__Output>
  DeleteRole: MethodDefinition<_keyfrag_v1_DeleteRoleRequest, _keyfrag_v1_DeleteRoleResponse, _keyfrag_v1_DeleteRoleRequest__Output, _keyfrag_v1_DeleteRoleResponse__Output>
  DescribeItem: MethodDefinition<_keyfrag_v1_DescribeItemRequest, _keyfrag_v1_Item, _keyfrag_v1_DescribeItemRequest__Output, _keyfrag_v1_Item__Output>
  DescribePermissions: MethodDefinition<_keyfrag_v1_DescribeMyPermissionsRequest, _keyfrag_v1_DescribePermissionsResponse, _keyfrag_v1_DescribeMyPermissionsRequest__Output, _keyfrag_v1_DescribePermissionsResponse__Output>
  Encrypt: MethodDefinition<_keyfrag_v1_EncryptRequest, _keyfrag_v1_EncryptResponse, _keyfrag_v1_EncryptRequest__Output, _keyfrag_v1_EncryptResponse__Output>
  GetAuditEvents: MethodDefinition<_keyfrag_v1_QueryEventsRequest, _keyfrag_v1_QueryEventsResponse, _keyfrag_v1_QueryEventsRequest__Output, _keyfrag_v1_QueryEventsResponse__Output>
  GetPublicKey: MethodDefinition<_keyfrag_v1_GetPublicKeyRequest, _keyfrag_v1_GetPublicKeyResponse, _keyfrag_v1_GetPublicKeyRequest__Output, _keyfrag_v1_GetPublicKeyResponse__Output>
  GetRole: MethodDefinition<_keyfrag_v1_GetRoleRequest, _keyfrag_v1_Role, _keyfrag_v1_GetRoleRequest__Output, _keyfrag_v1_Role__Output>
  GetSecretValue: MethodDefinition<_keyfrag_v1_GetSecretValueRequest, _keyfrag_v1_GetSecretValueResponse, _keyfrag_v1_GetSecretValueRequest__Output, _keyfrag_v1_GetSecretValueResponse__Output>
  ListAuthMethods: MethodDefinition<_keyfrag_v1_ListAuthMethodsRequest, _keyfrag_v1_ListAuthMethodsResponse, _keyfrag_v1_ListAuthMethodsRequest__Output, _keyfrag_v1_ListAuthMethodsResponse__Output>
  ListItems: MethodDefinition<_keyfrag_v1_ListItemsRequest, _keyfrag_v1_ListItemsResponse, _keyfrag_v1_ListItemsRequest__Output, _keyfrag_v1_ListItemsResponse__Output>
  ListRoles: MethodDefinition<_keyfrag_v1_ListRolesRequest, _keyfrag_v1_ListRolesResponse, _keyfrag_v1_ListRolesRequest__Output, _keyfrag_v1_ListRolesResponse__Output>
  RefreshKey: MethodDefinition<_keyfrag_v1_RefreshKeyRequest, _keyfrag_v1_RefreshKeyResponse, _keyfrag_v1_RefreshKeyRequest__Output, _keyfrag_v1_RefreshKeyResponse__Output>
  RestoreItem: MethodDefinition<_keyfrag_v1_RestoreItemRequest, _keyfrag_v1_Item, _keyfrag_v1_RestoreItemRequest__Output, _keyfrag_v1_Item__Output>
  RevokeToken: MethodDefinition<_keyfrag_v1_RevokeTokenRequest, _keyfrag_v1_RevokeTokenResponse, _keyfrag_v1_RevokeTokenRequest__Output, _keyfrag_v1_RevokeTokenResponse__Output>
  RotateKey: MethodDefinition<_keyfrag_v1_RotateKeyRequest, _keyfrag_v1_Item, _keyfrag_v1_RotateKeyRequest__Output, _keyfrag_v1_Item__Output>
  SetRoleRule: MethodDefinition<_keyfrag_v1_SetRoleRuleRequest, _keyfrag_v1_Role, _keyfrag_v1_SetRoleRuleRequest__Output, _keyfrag_v1_Role__Output>
  Sign: MethodDefinition<_keyfrag_v1_SignRequest, _keyfrag_v1_SignResponse, _keyfrag_v1_SignRequest__Output, _keyfrag_v1_SignResponse__Output>
  UpdateSecretVal: MethodDefinition<_keyfrag_v1_UpdateSecretValRequest, _keyfrag_v1_Item, _keyfrag_v1_UpdateSecretValRequest__Output, _keyfrag_v1_Item__Output>
  Verify: MethodDefinition<_keyfrag_v1_VerifyRequest, _keyfrag_v1_VerifyResponse, _keyfrag_v1_VerifyRequest__Output, _keyfrag_v1_VerifyResponse__Output>
}
