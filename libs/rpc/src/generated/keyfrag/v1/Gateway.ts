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
import type { CreateDynamicSecretRequest as _keyfrag_v1_CreateDynamicSecretRequest, CreateDynamicSecretRequest__Output as _keyfrag_v1_CreateDynamicSecretRequest__Output } from '../../keyfrag/v1/CreateDynamicSecretRequest.js';
import type { CreateRoleRequest as _keyfrag_v1_CreateRoleRequest, CreateRoleRequest__Output as _keyfrag_v1_CreateRoleRequest__Output } from '../../keyfrag/v1/CreateRoleRequest.js';
import type { CreateSecretRequest as _keyfrag_v1_CreateSecretRequest, CreateSecretRequest__Output as _keyfrag_v1_CreateSecretRequest__Output } from '../../keyfrag/v1/CreateSecretRequest.js';
import type { CreateTargetRequest as _keyfrag_v1_CreateTargetRequest, CreateTargetRequest__Output as _keyfrag_v1_CreateTargetRequest__Output } from '../../keyfrag/v1/CreateTargetRequest.js';
import type { DecryptRequest as _keyfrag_v1_DecryptRequest, DecryptRequest__Output as _keyfrag_v1_DecryptRequest__Output } from '../../keyfrag/v1/DecryptRequest.js';
import type { DecryptResponse as _keyfrag_v1_DecryptResponse, DecryptResponse__Output as _keyfrag_v1_DecryptResponse__Output } from '../../keyfrag/v1/DecryptResponse.js';
import type { DeleteAuthMethodRequest as _keyfrag_v1_DeleteAuthMethodRequest, DeleteAuthMethodRequest__Output as _keyfrag_v1_DeleteAuthMethodRequest__Output } from '../../keyfrag/v1/DeleteAuthMethodRequest.js';
import type { DeleteAuthMethodResponse as _keyfrag_v1_DeleteAuthMethodResponse, DeleteAuthMethodResponse__Output as _keyfrag_v1_DeleteAuthMethodResponse__Output } from '../../keyfrag/v1/DeleteAuthMethodResponse.js';
import type { DeleteDynamicSecretRequest as _keyfrag_v1_DeleteDynamicSecretRequest, DeleteDynamicSecretRequest__Output as _keyfrag_v1_DeleteDynamicSecretRequest__Output } from '../../keyfrag/v1/DeleteDynamicSecretRequest.js';
import type { DeleteItemRequest as _keyfrag_v1_DeleteItemRequest, DeleteItemRequest__Output as _keyfrag_v1_DeleteItemRequest__Output } from '../../keyfrag/v1/DeleteItemRequest.js';
import type { DeleteRoleRequest as _keyfrag_v1_DeleteRoleRequest, DeleteRoleRequest__Output as _keyfrag_v1_DeleteRoleRequest__Output } from '../../keyfrag/v1/DeleteRoleRequest.js';
import type { DeleteRoleResponse as _keyfrag_v1_DeleteRoleResponse, DeleteRoleResponse__Output as _keyfrag_v1_DeleteRoleResponse__Output } from '../../keyfrag/v1/DeleteRoleResponse.js';
import type { DeleteRoleRuleRequest as _keyfrag_v1_DeleteRoleRuleRequest, DeleteRoleRuleRequest__Output as _keyfrag_v1_DeleteRoleRuleRequest__Output } from '../../keyfrag/v1/DeleteRoleRuleRequest.js';
import type { DeleteTargetRequest as _keyfrag_v1_DeleteTargetRequest, DeleteTargetRequest__Output as _keyfrag_v1_DeleteTargetRequest__Output } from '../../keyfrag/v1/DeleteTargetRequest.js';
import type { DescribeItemRequest as _keyfrag_v1_DescribeItemRequest, DescribeItemRequest__Output as _keyfrag_v1_DescribeItemRequest__Output } from '../../keyfrag/v1/DescribeItemRequest.js';
import type { DescribeMyPermissionsRequest as _keyfrag_v1_DescribeMyPermissionsRequest, DescribeMyPermissionsRequest__Output as _keyfrag_v1_DescribeMyPermissionsRequest__Output } from '../../keyfrag/v1/DescribeMyPermissionsRequest.js';
import type { DescribePermissionsResponse as _keyfrag_v1_DescribePermissionsResponse, DescribePermissionsResponse__Output as _keyfrag_v1_DescribePermissionsResponse__Output } from '../../keyfrag/v1/DescribePermissionsResponse.js';
import type { DestroyVersionRequest as _keyfrag_v1_DestroyVersionRequest, DestroyVersionRequest__Output as _keyfrag_v1_DestroyVersionRequest__Output } from '../../keyfrag/v1/DestroyVersionRequest.js';
import type { DynamicSecret as _keyfrag_v1_DynamicSecret, DynamicSecret__Output as _keyfrag_v1_DynamicSecret__Output } from '../../keyfrag/v1/DynamicSecret.js';
import type { EncryptRequest as _keyfrag_v1_EncryptRequest, EncryptRequest__Output as _keyfrag_v1_EncryptRequest__Output } from '../../keyfrag/v1/EncryptRequest.js';
import type { EncryptResponse as _keyfrag_v1_EncryptResponse, EncryptResponse__Output as _keyfrag_v1_EncryptResponse__Output } from '../../keyfrag/v1/EncryptResponse.js';
import type { ExportChunk as _keyfrag_v1_ExportChunk, ExportChunk__Output as _keyfrag_v1_ExportChunk__Output } from '../../keyfrag/v1/ExportChunk.js';
import type { ForgetLeaseRequest as _keyfrag_v1_ForgetLeaseRequest, ForgetLeaseRequest__Output as _keyfrag_v1_ForgetLeaseRequest__Output } from '../../keyfrag/v1/ForgetLeaseRequest.js';
import type { GatewayAuthRequest as _keyfrag_v1_GatewayAuthRequest, GatewayAuthRequest__Output as _keyfrag_v1_GatewayAuthRequest__Output } from '../../keyfrag/v1/GatewayAuthRequest.js';
import type { GetDynamicSecretRequest as _keyfrag_v1_GetDynamicSecretRequest, GetDynamicSecretRequest__Output as _keyfrag_v1_GetDynamicSecretRequest__Output } from '../../keyfrag/v1/GetDynamicSecretRequest.js';
import type { GetDynamicSecretValueRequest as _keyfrag_v1_GetDynamicSecretValueRequest, GetDynamicSecretValueRequest__Output as _keyfrag_v1_GetDynamicSecretValueRequest__Output } from '../../keyfrag/v1/GetDynamicSecretValueRequest.js';
import type { GetDynamicSecretValueResponse as _keyfrag_v1_GetDynamicSecretValueResponse, GetDynamicSecretValueResponse__Output as _keyfrag_v1_GetDynamicSecretValueResponse__Output } from '../../keyfrag/v1/GetDynamicSecretValueResponse.js';
import type { GetLeaseRequest as _keyfrag_v1_GetLeaseRequest, GetLeaseRequest__Output as _keyfrag_v1_GetLeaseRequest__Output } from '../../keyfrag/v1/GetLeaseRequest.js';
import type { GetPublicKeyRequest as _keyfrag_v1_GetPublicKeyRequest, GetPublicKeyRequest__Output as _keyfrag_v1_GetPublicKeyRequest__Output } from '../../keyfrag/v1/GetPublicKeyRequest.js';
import type { GetPublicKeyResponse as _keyfrag_v1_GetPublicKeyResponse, GetPublicKeyResponse__Output as _keyfrag_v1_GetPublicKeyResponse__Output } from '../../keyfrag/v1/GetPublicKeyResponse.js';
import type { GetRoleRequest as _keyfrag_v1_GetRoleRequest, GetRoleRequest__Output as _keyfrag_v1_GetRoleRequest__Output } from '../../keyfrag/v1/GetRoleRequest.js';
import type { GetSecretValueRequest as _keyfrag_v1_GetSecretValueRequest, GetSecretValueRequest__Output as _keyfrag_v1_GetSecretValueRequest__Output } from '../../keyfrag/v1/GetSecretValueRequest.js';
import type { GetSecretValueResponse as _keyfrag_v1_GetSecretValueResponse, GetSecretValueResponse__Output as _keyfrag_v1_GetSecretValueResponse__Output } from '../../keyfrag/v1/GetSecretValueResponse.js';
import type { GetSshCertificateRequest as _keyfrag_v1_GetSshCertificateRequest, GetSshCertificateRequest__Output as _keyfrag_v1_GetSshCertificateRequest__Output } from '../../keyfrag/v1/GetSshCertificateRequest.js';
import type { GetSshCertificateResponse as _keyfrag_v1_GetSshCertificateResponse, GetSshCertificateResponse__Output as _keyfrag_v1_GetSshCertificateResponse__Output } from '../../keyfrag/v1/GetSshCertificateResponse.js';
import type { GetTargetRequest as _keyfrag_v1_GetTargetRequest, GetTargetRequest__Output as _keyfrag_v1_GetTargetRequest__Output } from '../../keyfrag/v1/GetTargetRequest.js';
import type { Item as _keyfrag_v1_Item, Item__Output as _keyfrag_v1_Item__Output } from '../../keyfrag/v1/Item.js';
import type { Lease as _keyfrag_v1_Lease, Lease__Output as _keyfrag_v1_Lease__Output } from '../../keyfrag/v1/Lease.js';
import type { ListAuthMethodsRequest as _keyfrag_v1_ListAuthMethodsRequest, ListAuthMethodsRequest__Output as _keyfrag_v1_ListAuthMethodsRequest__Output } from '../../keyfrag/v1/ListAuthMethodsRequest.js';
import type { ListAuthMethodsResponse as _keyfrag_v1_ListAuthMethodsResponse, ListAuthMethodsResponse__Output as _keyfrag_v1_ListAuthMethodsResponse__Output } from '../../keyfrag/v1/ListAuthMethodsResponse.js';
import type { ListDynamicSecretsRequest as _keyfrag_v1_ListDynamicSecretsRequest, ListDynamicSecretsRequest__Output as _keyfrag_v1_ListDynamicSecretsRequest__Output } from '../../keyfrag/v1/ListDynamicSecretsRequest.js';
import type { ListDynamicSecretsResponse as _keyfrag_v1_ListDynamicSecretsResponse, ListDynamicSecretsResponse__Output as _keyfrag_v1_ListDynamicSecretsResponse__Output } from '../../keyfrag/v1/ListDynamicSecretsResponse.js';
import type { ListItemsRequest as _keyfrag_v1_ListItemsRequest, ListItemsRequest__Output as _keyfrag_v1_ListItemsRequest__Output } from '../../keyfrag/v1/ListItemsRequest.js';
import type { ListItemsResponse as _keyfrag_v1_ListItemsResponse, ListItemsResponse__Output as _keyfrag_v1_ListItemsResponse__Output } from '../../keyfrag/v1/ListItemsResponse.js';
import type { ListLeasesRequest as _keyfrag_v1_ListLeasesRequest, ListLeasesRequest__Output as _keyfrag_v1_ListLeasesRequest__Output } from '../../keyfrag/v1/ListLeasesRequest.js';
import type { ListLeasesResponse as _keyfrag_v1_ListLeasesResponse, ListLeasesResponse__Output as _keyfrag_v1_ListLeasesResponse__Output } from '../../keyfrag/v1/ListLeasesResponse.js';
import type { ListRolesRequest as _keyfrag_v1_ListRolesRequest, ListRolesRequest__Output as _keyfrag_v1_ListRolesRequest__Output } from '../../keyfrag/v1/ListRolesRequest.js';
import type { ListRolesResponse as _keyfrag_v1_ListRolesResponse, ListRolesResponse__Output as _keyfrag_v1_ListRolesResponse__Output } from '../../keyfrag/v1/ListRolesResponse.js';
import type { ListTargetsRequest as _keyfrag_v1_ListTargetsRequest, ListTargetsRequest__Output as _keyfrag_v1_ListTargetsRequest__Output } from '../../keyfrag/v1/ListTargetsRequest.js';
import type { ListTargetsResponse as _keyfrag_v1_ListTargetsResponse, ListTargetsResponse__Output as _keyfrag_v1_ListTargetsResponse__Output } from '../../keyfrag/v1/ListTargetsResponse.js';
import type { PurgeItemRequest as _keyfrag_v1_PurgeItemRequest, PurgeItemRequest__Output as _keyfrag_v1_PurgeItemRequest__Output } from '../../keyfrag/v1/PurgeItemRequest.js';
import type { QueryEventsRequest as _keyfrag_v1_QueryEventsRequest, QueryEventsRequest__Output as _keyfrag_v1_QueryEventsRequest__Output } from '../../keyfrag/v1/QueryEventsRequest.js';
import type { QueryEventsResponse as _keyfrag_v1_QueryEventsResponse, QueryEventsResponse__Output as _keyfrag_v1_QueryEventsResponse__Output } from '../../keyfrag/v1/QueryEventsResponse.js';
import type { RefreshKeyRequest as _keyfrag_v1_RefreshKeyRequest, RefreshKeyRequest__Output as _keyfrag_v1_RefreshKeyRequest__Output } from '../../keyfrag/v1/RefreshKeyRequest.js';
import type { RefreshKeyResponse as _keyfrag_v1_RefreshKeyResponse, RefreshKeyResponse__Output as _keyfrag_v1_RefreshKeyResponse__Output } from '../../keyfrag/v1/RefreshKeyResponse.js';
import type { RenewLeaseRequest as _keyfrag_v1_RenewLeaseRequest, RenewLeaseRequest__Output as _keyfrag_v1_RenewLeaseRequest__Output } from '../../keyfrag/v1/RenewLeaseRequest.js';
import type { RestoreItemRequest as _keyfrag_v1_RestoreItemRequest, RestoreItemRequest__Output as _keyfrag_v1_RestoreItemRequest__Output } from '../../keyfrag/v1/RestoreItemRequest.js';
import type { RevokeLeaseRequest as _keyfrag_v1_RevokeLeaseRequest, RevokeLeaseRequest__Output as _keyfrag_v1_RevokeLeaseRequest__Output } from '../../keyfrag/v1/RevokeLeaseRequest.js';
import type { RevokeLeasesByPrefixRequest as _keyfrag_v1_RevokeLeasesByPrefixRequest, RevokeLeasesByPrefixRequest__Output as _keyfrag_v1_RevokeLeasesByPrefixRequest__Output } from '../../keyfrag/v1/RevokeLeasesByPrefixRequest.js';
import type { RevokeLeasesByPrefixResponse as _keyfrag_v1_RevokeLeasesByPrefixResponse, RevokeLeasesByPrefixResponse__Output as _keyfrag_v1_RevokeLeasesByPrefixResponse__Output } from '../../keyfrag/v1/RevokeLeasesByPrefixResponse.js';
import type { RevokeTokenRequest as _keyfrag_v1_RevokeTokenRequest, RevokeTokenRequest__Output as _keyfrag_v1_RevokeTokenRequest__Output } from '../../keyfrag/v1/RevokeTokenRequest.js';
import type { RevokeTokenResponse as _keyfrag_v1_RevokeTokenResponse, RevokeTokenResponse__Output as _keyfrag_v1_RevokeTokenResponse__Output } from '../../keyfrag/v1/RevokeTokenResponse.js';
import type { Role as _keyfrag_v1_Role, Role__Output as _keyfrag_v1_Role__Output } from '../../keyfrag/v1/Role.js';
import type { RotateCustomPayloadRequest as _keyfrag_v1_RotateCustomPayloadRequest, RotateCustomPayloadRequest__Output as _keyfrag_v1_RotateCustomPayloadRequest__Output } from '../../keyfrag/v1/RotateCustomPayloadRequest.js';
import type { RotateKeyRequest as _keyfrag_v1_RotateKeyRequest, RotateKeyRequest__Output as _keyfrag_v1_RotateKeyRequest__Output } from '../../keyfrag/v1/RotateKeyRequest.js';
import type { SetRoleRuleRequest as _keyfrag_v1_SetRoleRuleRequest, SetRoleRuleRequest__Output as _keyfrag_v1_SetRoleRuleRequest__Output } from '../../keyfrag/v1/SetRoleRuleRequest.js';
import type { SignRequest as _keyfrag_v1_SignRequest, SignRequest__Output as _keyfrag_v1_SignRequest__Output } from '../../keyfrag/v1/SignRequest.js';
import type { SignResponse as _keyfrag_v1_SignResponse, SignResponse__Output as _keyfrag_v1_SignResponse__Output } from '../../keyfrag/v1/SignResponse.js';
import type { SweepOrphansRequest as _keyfrag_v1_SweepOrphansRequest, SweepOrphansRequest__Output as _keyfrag_v1_SweepOrphansRequest__Output } from '../../keyfrag/v1/SweepOrphansRequest.js';
import type { SweepOrphansResponse as _keyfrag_v1_SweepOrphansResponse, SweepOrphansResponse__Output as _keyfrag_v1_SweepOrphansResponse__Output } from '../../keyfrag/v1/SweepOrphansResponse.js';
import type { Target as _keyfrag_v1_Target, Target__Output as _keyfrag_v1_Target__Output } from '../../keyfrag/v1/Target.js';
import type { UpdateDynamicSecretRequest as _keyfrag_v1_UpdateDynamicSecretRequest, UpdateDynamicSecretRequest__Output as _keyfrag_v1_UpdateDynamicSecretRequest__Output } from '../../keyfrag/v1/UpdateDynamicSecretRequest.js';
import type { UpdateSecretValRequest as _keyfrag_v1_UpdateSecretValRequest, UpdateSecretValRequest__Output as _keyfrag_v1_UpdateSecretValRequest__Output } from '../../keyfrag/v1/UpdateSecretValRequest.js';
import type { UpdateTargetRequest as _keyfrag_v1_UpdateTargetRequest, UpdateTargetRequest__Output as _keyfrag_v1_UpdateTargetRequest__Output } from '../../keyfrag/v1/UpdateTargetRequest.js';
import type { VerifyChainRequest as _keyfrag_v1_VerifyChainRequest, VerifyChainRequest__Output as _keyfrag_v1_VerifyChainRequest__Output } from '../../keyfrag/v1/VerifyChainRequest.js';
import type { VerifyChainResponse as _keyfrag_v1_VerifyChainResponse, VerifyChainResponse__Output as _keyfrag_v1_VerifyChainResponse__Output } from '../../keyfrag/v1/VerifyChainResponse.js';
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
  
  CreateDynamicSecret(argument: _keyfrag_v1_CreateDynamicSecretRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  CreateDynamicSecret(argument: _keyfrag_v1_CreateDynamicSecretRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  CreateDynamicSecret(argument: _keyfrag_v1_CreateDynamicSecretRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  CreateDynamicSecret(argument: _keyfrag_v1_CreateDynamicSecretRequest, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  createDynamicSecret(argument: _keyfrag_v1_CreateDynamicSecretRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  createDynamicSecret(argument: _keyfrag_v1_CreateDynamicSecretRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  createDynamicSecret(argument: _keyfrag_v1_CreateDynamicSecretRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  createDynamicSecret(argument: _keyfrag_v1_CreateDynamicSecretRequest, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  
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
  
  CreateTarget(argument: _keyfrag_v1_CreateTargetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Target__Output>): grpc.ClientUnaryCall;
  CreateTarget(argument: _keyfrag_v1_CreateTargetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Target__Output>): grpc.ClientUnaryCall;
  CreateTarget(argument: _keyfrag_v1_CreateTargetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Target__Output>): grpc.ClientUnaryCall;
  CreateTarget(argument: _keyfrag_v1_CreateTargetRequest, callback: grpc.requestCallback<_keyfrag_v1_Target__Output>): grpc.ClientUnaryCall;
  createTarget(argument: _keyfrag_v1_CreateTargetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Target__Output>): grpc.ClientUnaryCall;
  createTarget(argument: _keyfrag_v1_CreateTargetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Target__Output>): grpc.ClientUnaryCall;
  createTarget(argument: _keyfrag_v1_CreateTargetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Target__Output>): grpc.ClientUnaryCall;
  createTarget(argument: _keyfrag_v1_CreateTargetRequest, callback: grpc.requestCallback<_keyfrag_v1_Target__Output>): grpc.ClientUnaryCall;
  
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
  
  DeleteDynamicSecret(argument: _keyfrag_v1_DeleteDynamicSecretRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  DeleteDynamicSecret(argument: _keyfrag_v1_DeleteDynamicSecretRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  DeleteDynamicSecret(argument: _keyfrag_v1_DeleteDynamicSecretRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  DeleteDynamicSecret(argument: _keyfrag_v1_DeleteDynamicSecretRequest, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  deleteDynamicSecret(argument: _keyfrag_v1_DeleteDynamicSecretRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  deleteDynamicSecret(argument: _keyfrag_v1_DeleteDynamicSecretRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  deleteDynamicSecret(argument: _keyfrag_v1_DeleteDynamicSecretRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  deleteDynamicSecret(argument: _keyfrag_v1_DeleteDynamicSecretRequest, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  
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
  
  DeleteRoleRule(argument: _keyfrag_v1_DeleteRoleRuleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Role__Output>): grpc.ClientUnaryCall;
  DeleteRoleRule(argument: _keyfrag_v1_DeleteRoleRuleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Role__Output>): grpc.ClientUnaryCall;
  DeleteRoleRule(argument: _keyfrag_v1_DeleteRoleRuleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Role__Output>): grpc.ClientUnaryCall;
  DeleteRoleRule(argument: _keyfrag_v1_DeleteRoleRuleRequest, callback: grpc.requestCallback<_keyfrag_v1_Role__Output>): grpc.ClientUnaryCall;
  deleteRoleRule(argument: _keyfrag_v1_DeleteRoleRuleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Role__Output>): grpc.ClientUnaryCall;
  deleteRoleRule(argument: _keyfrag_v1_DeleteRoleRuleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Role__Output>): grpc.ClientUnaryCall;
  deleteRoleRule(argument: _keyfrag_v1_DeleteRoleRuleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Role__Output>): grpc.ClientUnaryCall;
  deleteRoleRule(argument: _keyfrag_v1_DeleteRoleRuleRequest, callback: grpc.requestCallback<_keyfrag_v1_Role__Output>): grpc.ClientUnaryCall;
  
  DeleteTarget(argument: _keyfrag_v1_DeleteTargetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Target__Output>): grpc.ClientUnaryCall;
  DeleteTarget(argument: _keyfrag_v1_DeleteTargetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Target__Output>): grpc.ClientUnaryCall;
  DeleteTarget(argument: _keyfrag_v1_DeleteTargetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Target__Output>): grpc.ClientUnaryCall;
  DeleteTarget(argument: _keyfrag_v1_DeleteTargetRequest, callback: grpc.requestCallback<_keyfrag_v1_Target__Output>): grpc.ClientUnaryCall;
  deleteTarget(argument: _keyfrag_v1_DeleteTargetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Target__Output>): grpc.ClientUnaryCall;
  deleteTarget(argument: _keyfrag_v1_DeleteTargetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Target__Output>): grpc.ClientUnaryCall;
  deleteTarget(argument: _keyfrag_v1_DeleteTargetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Target__Output>): grpc.ClientUnaryCall;
  deleteTarget(argument: _keyfrag_v1_DeleteTargetRequest, callback: grpc.requestCallback<_keyfrag_v1_Target__Output>): grpc.ClientUnaryCall;
  
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
  
  DestroySecretVersion(argument: _keyfrag_v1_DestroyVersionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  DestroySecretVersion(argument: _keyfrag_v1_DestroyVersionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  DestroySecretVersion(argument: _keyfrag_v1_DestroyVersionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  DestroySecretVersion(argument: _keyfrag_v1_DestroyVersionRequest, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  destroySecretVersion(argument: _keyfrag_v1_DestroyVersionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  destroySecretVersion(argument: _keyfrag_v1_DestroyVersionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  destroySecretVersion(argument: _keyfrag_v1_DestroyVersionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  destroySecretVersion(argument: _keyfrag_v1_DestroyVersionRequest, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  
  Encrypt(argument: _keyfrag_v1_EncryptRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_EncryptResponse__Output>): grpc.ClientUnaryCall;
  Encrypt(argument: _keyfrag_v1_EncryptRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_EncryptResponse__Output>): grpc.ClientUnaryCall;
  Encrypt(argument: _keyfrag_v1_EncryptRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_EncryptResponse__Output>): grpc.ClientUnaryCall;
  Encrypt(argument: _keyfrag_v1_EncryptRequest, callback: grpc.requestCallback<_keyfrag_v1_EncryptResponse__Output>): grpc.ClientUnaryCall;
  encrypt(argument: _keyfrag_v1_EncryptRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_EncryptResponse__Output>): grpc.ClientUnaryCall;
  encrypt(argument: _keyfrag_v1_EncryptRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_EncryptResponse__Output>): grpc.ClientUnaryCall;
  encrypt(argument: _keyfrag_v1_EncryptRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_EncryptResponse__Output>): grpc.ClientUnaryCall;
  encrypt(argument: _keyfrag_v1_EncryptRequest, callback: grpc.requestCallback<_keyfrag_v1_EncryptResponse__Output>): grpc.ClientUnaryCall;
  
  ExportAuditEvents(argument: _keyfrag_v1_QueryEventsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_keyfrag_v1_ExportChunk__Output>;
  ExportAuditEvents(argument: _keyfrag_v1_QueryEventsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_keyfrag_v1_ExportChunk__Output>;
  exportAuditEvents(argument: _keyfrag_v1_QueryEventsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_keyfrag_v1_ExportChunk__Output>;
  exportAuditEvents(argument: _keyfrag_v1_QueryEventsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_keyfrag_v1_ExportChunk__Output>;
  
  ForgetLease(argument: _keyfrag_v1_ForgetLeaseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Lease__Output>): grpc.ClientUnaryCall;
  ForgetLease(argument: _keyfrag_v1_ForgetLeaseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Lease__Output>): grpc.ClientUnaryCall;
  ForgetLease(argument: _keyfrag_v1_ForgetLeaseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Lease__Output>): grpc.ClientUnaryCall;
  ForgetLease(argument: _keyfrag_v1_ForgetLeaseRequest, callback: grpc.requestCallback<_keyfrag_v1_Lease__Output>): grpc.ClientUnaryCall;
  forgetLease(argument: _keyfrag_v1_ForgetLeaseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Lease__Output>): grpc.ClientUnaryCall;
  forgetLease(argument: _keyfrag_v1_ForgetLeaseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Lease__Output>): grpc.ClientUnaryCall;
  forgetLease(argument: _keyfrag_v1_ForgetLeaseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Lease__Output>): grpc.ClientUnaryCall;
  forgetLease(argument: _keyfrag_v1_ForgetLeaseRequest, callback: grpc.requestCallback<_keyfrag_v1_Lease__Output>): grpc.ClientUnaryCall;
  
  GetAuditEvents(argument: _keyfrag_v1_QueryEventsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_QueryEventsResponse__Output>): grpc.ClientUnaryCall;
  GetAuditEvents(argument: _keyfrag_v1_QueryEventsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_QueryEventsResponse__Output>): grpc.ClientUnaryCall;
  GetAuditEvents(argument: _keyfrag_v1_QueryEventsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_QueryEventsResponse__Output>): grpc.ClientUnaryCall;
  GetAuditEvents(argument: _keyfrag_v1_QueryEventsRequest, callback: grpc.requestCallback<_keyfrag_v1_QueryEventsResponse__Output>): grpc.ClientUnaryCall;
  getAuditEvents(argument: _keyfrag_v1_QueryEventsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_QueryEventsResponse__Output>): grpc.ClientUnaryCall;
  getAuditEvents(argument: _keyfrag_v1_QueryEventsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_QueryEventsResponse__Output>): grpc.ClientUnaryCall;
  getAuditEvents(argument: _keyfrag_v1_QueryEventsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_QueryEventsResponse__Output>): grpc.ClientUnaryCall;
  getAuditEvents(argument: _keyfrag_v1_QueryEventsRequest, callback: grpc.requestCallback<_keyfrag_v1_QueryEventsResponse__Output>): grpc.ClientUnaryCall;
  
  GetDynamicSecret(argument: _keyfrag_v1_GetDynamicSecretRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  GetDynamicSecret(argument: _keyfrag_v1_GetDynamicSecretRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  GetDynamicSecret(argument: _keyfrag_v1_GetDynamicSecretRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  GetDynamicSecret(argument: _keyfrag_v1_GetDynamicSecretRequest, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  getDynamicSecret(argument: _keyfrag_v1_GetDynamicSecretRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  getDynamicSecret(argument: _keyfrag_v1_GetDynamicSecretRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  getDynamicSecret(argument: _keyfrag_v1_GetDynamicSecretRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  getDynamicSecret(argument: _keyfrag_v1_GetDynamicSecretRequest, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  
  GetDynamicSecretValue(argument: _keyfrag_v1_GetDynamicSecretValueRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_GetDynamicSecretValueResponse__Output>): grpc.ClientUnaryCall;
  GetDynamicSecretValue(argument: _keyfrag_v1_GetDynamicSecretValueRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_GetDynamicSecretValueResponse__Output>): grpc.ClientUnaryCall;
  GetDynamicSecretValue(argument: _keyfrag_v1_GetDynamicSecretValueRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_GetDynamicSecretValueResponse__Output>): grpc.ClientUnaryCall;
  GetDynamicSecretValue(argument: _keyfrag_v1_GetDynamicSecretValueRequest, callback: grpc.requestCallback<_keyfrag_v1_GetDynamicSecretValueResponse__Output>): grpc.ClientUnaryCall;
  getDynamicSecretValue(argument: _keyfrag_v1_GetDynamicSecretValueRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_GetDynamicSecretValueResponse__Output>): grpc.ClientUnaryCall;
  getDynamicSecretValue(argument: _keyfrag_v1_GetDynamicSecretValueRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_GetDynamicSecretValueResponse__Output>): grpc.ClientUnaryCall;
  getDynamicSecretValue(argument: _keyfrag_v1_GetDynamicSecretValueRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_GetDynamicSecretValueResponse__Output>): grpc.ClientUnaryCall;
  getDynamicSecretValue(argument: _keyfrag_v1_GetDynamicSecretValueRequest, callback: grpc.requestCallback<_keyfrag_v1_GetDynamicSecretValueResponse__Output>): grpc.ClientUnaryCall;
  
  GetLease(argument: _keyfrag_v1_GetLeaseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Lease__Output>): grpc.ClientUnaryCall;
  GetLease(argument: _keyfrag_v1_GetLeaseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Lease__Output>): grpc.ClientUnaryCall;
  GetLease(argument: _keyfrag_v1_GetLeaseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Lease__Output>): grpc.ClientUnaryCall;
  GetLease(argument: _keyfrag_v1_GetLeaseRequest, callback: grpc.requestCallback<_keyfrag_v1_Lease__Output>): grpc.ClientUnaryCall;
  getLease(argument: _keyfrag_v1_GetLeaseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Lease__Output>): grpc.ClientUnaryCall;
  getLease(argument: _keyfrag_v1_GetLeaseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Lease__Output>): grpc.ClientUnaryCall;
  getLease(argument: _keyfrag_v1_GetLeaseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Lease__Output>): grpc.ClientUnaryCall;
  getLease(argument: _keyfrag_v1_GetLeaseRequest, callback: grpc.requestCallback<_keyfrag_v1_Lease__Output>): grpc.ClientUnaryCall;
  
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
  
  GetSshCertificate(argument: _keyfrag_v1_GetSshCertificateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_GetSshCertificateResponse__Output>): grpc.ClientUnaryCall;
  GetSshCertificate(argument: _keyfrag_v1_GetSshCertificateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_GetSshCertificateResponse__Output>): grpc.ClientUnaryCall;
  GetSshCertificate(argument: _keyfrag_v1_GetSshCertificateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_GetSshCertificateResponse__Output>): grpc.ClientUnaryCall;
  GetSshCertificate(argument: _keyfrag_v1_GetSshCertificateRequest, callback: grpc.requestCallback<_keyfrag_v1_GetSshCertificateResponse__Output>): grpc.ClientUnaryCall;
  getSshCertificate(argument: _keyfrag_v1_GetSshCertificateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_GetSshCertificateResponse__Output>): grpc.ClientUnaryCall;
  getSshCertificate(argument: _keyfrag_v1_GetSshCertificateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_GetSshCertificateResponse__Output>): grpc.ClientUnaryCall;
  getSshCertificate(argument: _keyfrag_v1_GetSshCertificateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_GetSshCertificateResponse__Output>): grpc.ClientUnaryCall;
  getSshCertificate(argument: _keyfrag_v1_GetSshCertificateRequest, callback: grpc.requestCallback<_keyfrag_v1_GetSshCertificateResponse__Output>): grpc.ClientUnaryCall;
  
  GetTarget(argument: _keyfrag_v1_GetTargetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Target__Output>): grpc.ClientUnaryCall;
  GetTarget(argument: _keyfrag_v1_GetTargetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Target__Output>): grpc.ClientUnaryCall;
  GetTarget(argument: _keyfrag_v1_GetTargetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Target__Output>): grpc.ClientUnaryCall;
  GetTarget(argument: _keyfrag_v1_GetTargetRequest, callback: grpc.requestCallback<_keyfrag_v1_Target__Output>): grpc.ClientUnaryCall;
  getTarget(argument: _keyfrag_v1_GetTargetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Target__Output>): grpc.ClientUnaryCall;
  getTarget(argument: _keyfrag_v1_GetTargetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Target__Output>): grpc.ClientUnaryCall;
  getTarget(argument: _keyfrag_v1_GetTargetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Target__Output>): grpc.ClientUnaryCall;
  getTarget(argument: _keyfrag_v1_GetTargetRequest, callback: grpc.requestCallback<_keyfrag_v1_Target__Output>): grpc.ClientUnaryCall;
  
  ListAuthMethods(argument: _keyfrag_v1_ListAuthMethodsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListAuthMethodsResponse__Output>): grpc.ClientUnaryCall;
  ListAuthMethods(argument: _keyfrag_v1_ListAuthMethodsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_ListAuthMethodsResponse__Output>): grpc.ClientUnaryCall;
  ListAuthMethods(argument: _keyfrag_v1_ListAuthMethodsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListAuthMethodsResponse__Output>): grpc.ClientUnaryCall;
  ListAuthMethods(argument: _keyfrag_v1_ListAuthMethodsRequest, callback: grpc.requestCallback<_keyfrag_v1_ListAuthMethodsResponse__Output>): grpc.ClientUnaryCall;
  listAuthMethods(argument: _keyfrag_v1_ListAuthMethodsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListAuthMethodsResponse__Output>): grpc.ClientUnaryCall;
  listAuthMethods(argument: _keyfrag_v1_ListAuthMethodsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_ListAuthMethodsResponse__Output>): grpc.ClientUnaryCall;
  listAuthMethods(argument: _keyfrag_v1_ListAuthMethodsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListAuthMethodsResponse__Output>): grpc.ClientUnaryCall;
  listAuthMethods(argument: _keyfrag_v1_ListAuthMethodsRequest, callback: grpc.requestCallback<_keyfrag_v1_ListAuthMethodsResponse__Output>): grpc.ClientUnaryCall;
  
  ListDynamicSecrets(argument: _keyfrag_v1_ListDynamicSecretsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListDynamicSecretsResponse__Output>): grpc.ClientUnaryCall;
  ListDynamicSecrets(argument: _keyfrag_v1_ListDynamicSecretsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_ListDynamicSecretsResponse__Output>): grpc.ClientUnaryCall;
  ListDynamicSecrets(argument: _keyfrag_v1_ListDynamicSecretsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListDynamicSecretsResponse__Output>): grpc.ClientUnaryCall;
  ListDynamicSecrets(argument: _keyfrag_v1_ListDynamicSecretsRequest, callback: grpc.requestCallback<_keyfrag_v1_ListDynamicSecretsResponse__Output>): grpc.ClientUnaryCall;
  listDynamicSecrets(argument: _keyfrag_v1_ListDynamicSecretsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListDynamicSecretsResponse__Output>): grpc.ClientUnaryCall;
  listDynamicSecrets(argument: _keyfrag_v1_ListDynamicSecretsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_ListDynamicSecretsResponse__Output>): grpc.ClientUnaryCall;
  listDynamicSecrets(argument: _keyfrag_v1_ListDynamicSecretsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListDynamicSecretsResponse__Output>): grpc.ClientUnaryCall;
  listDynamicSecrets(argument: _keyfrag_v1_ListDynamicSecretsRequest, callback: grpc.requestCallback<_keyfrag_v1_ListDynamicSecretsResponse__Output>): grpc.ClientUnaryCall;
  
  ListItems(argument: _keyfrag_v1_ListItemsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListItemsResponse__Output>): grpc.ClientUnaryCall;
  ListItems(argument: _keyfrag_v1_ListItemsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_ListItemsResponse__Output>): grpc.ClientUnaryCall;
  ListItems(argument: _keyfrag_v1_ListItemsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListItemsResponse__Output>): grpc.ClientUnaryCall;
  ListItems(argument: _keyfrag_v1_ListItemsRequest, callback: grpc.requestCallback<_keyfrag_v1_ListItemsResponse__Output>): grpc.ClientUnaryCall;
  listItems(argument: _keyfrag_v1_ListItemsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListItemsResponse__Output>): grpc.ClientUnaryCall;
  listItems(argument: _keyfrag_v1_ListItemsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_ListItemsResponse__Output>): grpc.ClientUnaryCall;
  listItems(argument: _keyfrag_v1_ListItemsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListItemsResponse__Output>): grpc.ClientUnaryCall;
  listItems(argument: _keyfrag_v1_ListItemsRequest, callback: grpc.requestCallback<_keyfrag_v1_ListItemsResponse__Output>): grpc.ClientUnaryCall;
  
  ListLeases(argument: _keyfrag_v1_ListLeasesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListLeasesResponse__Output>): grpc.ClientUnaryCall;
  ListLeases(argument: _keyfrag_v1_ListLeasesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_ListLeasesResponse__Output>): grpc.ClientUnaryCall;
  ListLeases(argument: _keyfrag_v1_ListLeasesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListLeasesResponse__Output>): grpc.ClientUnaryCall;
  ListLeases(argument: _keyfrag_v1_ListLeasesRequest, callback: grpc.requestCallback<_keyfrag_v1_ListLeasesResponse__Output>): grpc.ClientUnaryCall;
  listLeases(argument: _keyfrag_v1_ListLeasesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListLeasesResponse__Output>): grpc.ClientUnaryCall;
  listLeases(argument: _keyfrag_v1_ListLeasesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_ListLeasesResponse__Output>): grpc.ClientUnaryCall;
  listLeases(argument: _keyfrag_v1_ListLeasesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListLeasesResponse__Output>): grpc.ClientUnaryCall;
  listLeases(argument: _keyfrag_v1_ListLeasesRequest, callback: grpc.requestCallback<_keyfrag_v1_ListLeasesResponse__Output>): grpc.ClientUnaryCall;
  
  ListRoles(argument: _keyfrag_v1_ListRolesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListRolesResponse__Output>): grpc.ClientUnaryCall;
  ListRoles(argument: _keyfrag_v1_ListRolesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_ListRolesResponse__Output>): grpc.ClientUnaryCall;
  ListRoles(argument: _keyfrag_v1_ListRolesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListRolesResponse__Output>): grpc.ClientUnaryCall;
  ListRoles(argument: _keyfrag_v1_ListRolesRequest, callback: grpc.requestCallback<_keyfrag_v1_ListRolesResponse__Output>): grpc.ClientUnaryCall;
  listRoles(argument: _keyfrag_v1_ListRolesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListRolesResponse__Output>): grpc.ClientUnaryCall;
  listRoles(argument: _keyfrag_v1_ListRolesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_ListRolesResponse__Output>): grpc.ClientUnaryCall;
  listRoles(argument: _keyfrag_v1_ListRolesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListRolesResponse__Output>): grpc.ClientUnaryCall;
  listRoles(argument: _keyfrag_v1_ListRolesRequest, callback: grpc.requestCallback<_keyfrag_v1_ListRolesResponse__Output>): grpc.ClientUnaryCall;
  
  ListTargets(argument: _keyfrag_v1_ListTargetsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListTargetsResponse__Output>): grpc.ClientUnaryCall;
  ListTargets(argument: _keyfrag_v1_ListTargetsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_ListTargetsResponse__Output>): grpc.ClientUnaryCall;
  ListTargets(argument: _keyfrag_v1_ListTargetsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListTargetsResponse__Output>): grpc.ClientUnaryCall;
  ListTargets(argument: _keyfrag_v1_ListTargetsRequest, callback: grpc.requestCallback<_keyfrag_v1_ListTargetsResponse__Output>): grpc.ClientUnaryCall;
  listTargets(argument: _keyfrag_v1_ListTargetsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListTargetsResponse__Output>): grpc.ClientUnaryCall;
  listTargets(argument: _keyfrag_v1_ListTargetsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_ListTargetsResponse__Output>): grpc.ClientUnaryCall;
  listTargets(argument: _keyfrag_v1_ListTargetsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListTargetsResponse__Output>): grpc.ClientUnaryCall;
  listTargets(argument: _keyfrag_v1_ListTargetsRequest, callback: grpc.requestCallback<_keyfrag_v1_ListTargetsResponse__Output>): grpc.ClientUnaryCall;
  
  PurgeItem(argument: _keyfrag_v1_PurgeItemRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  PurgeItem(argument: _keyfrag_v1_PurgeItemRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  PurgeItem(argument: _keyfrag_v1_PurgeItemRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  PurgeItem(argument: _keyfrag_v1_PurgeItemRequest, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  purgeItem(argument: _keyfrag_v1_PurgeItemRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  purgeItem(argument: _keyfrag_v1_PurgeItemRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  purgeItem(argument: _keyfrag_v1_PurgeItemRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  purgeItem(argument: _keyfrag_v1_PurgeItemRequest, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  
  RefreshKey(argument: _keyfrag_v1_RefreshKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_RefreshKeyResponse__Output>): grpc.ClientUnaryCall;
  RefreshKey(argument: _keyfrag_v1_RefreshKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_RefreshKeyResponse__Output>): grpc.ClientUnaryCall;
  RefreshKey(argument: _keyfrag_v1_RefreshKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_RefreshKeyResponse__Output>): grpc.ClientUnaryCall;
  RefreshKey(argument: _keyfrag_v1_RefreshKeyRequest, callback: grpc.requestCallback<_keyfrag_v1_RefreshKeyResponse__Output>): grpc.ClientUnaryCall;
  refreshKey(argument: _keyfrag_v1_RefreshKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_RefreshKeyResponse__Output>): grpc.ClientUnaryCall;
  refreshKey(argument: _keyfrag_v1_RefreshKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_RefreshKeyResponse__Output>): grpc.ClientUnaryCall;
  refreshKey(argument: _keyfrag_v1_RefreshKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_RefreshKeyResponse__Output>): grpc.ClientUnaryCall;
  refreshKey(argument: _keyfrag_v1_RefreshKeyRequest, callback: grpc.requestCallback<_keyfrag_v1_RefreshKeyResponse__Output>): grpc.ClientUnaryCall;
  
  RenewLease(argument: _keyfrag_v1_RenewLeaseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Lease__Output>): grpc.ClientUnaryCall;
  RenewLease(argument: _keyfrag_v1_RenewLeaseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Lease__Output>): grpc.ClientUnaryCall;
  RenewLease(argument: _keyfrag_v1_RenewLeaseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Lease__Output>): grpc.ClientUnaryCall;
  RenewLease(argument: _keyfrag_v1_RenewLeaseRequest, callback: grpc.requestCallback<_keyfrag_v1_Lease__Output>): grpc.ClientUnaryCall;
  renewLease(argument: _keyfrag_v1_RenewLeaseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Lease__Output>): grpc.ClientUnaryCall;
  renewLease(argument: _keyfrag_v1_RenewLeaseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Lease__Output>): grpc.ClientUnaryCall;
  renewLease(argument: _keyfrag_v1_RenewLeaseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Lease__Output>): grpc.ClientUnaryCall;
  renewLease(argument: _keyfrag_v1_RenewLeaseRequest, callback: grpc.requestCallback<_keyfrag_v1_Lease__Output>): grpc.ClientUnaryCall;
  
  RestoreItem(argument: _keyfrag_v1_RestoreItemRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  RestoreItem(argument: _keyfrag_v1_RestoreItemRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  RestoreItem(argument: _keyfrag_v1_RestoreItemRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  RestoreItem(argument: _keyfrag_v1_RestoreItemRequest, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  restoreItem(argument: _keyfrag_v1_RestoreItemRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  restoreItem(argument: _keyfrag_v1_RestoreItemRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  restoreItem(argument: _keyfrag_v1_RestoreItemRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  restoreItem(argument: _keyfrag_v1_RestoreItemRequest, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  
  RevokeLease(argument: _keyfrag_v1_RevokeLeaseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Lease__Output>): grpc.ClientUnaryCall;
  RevokeLease(argument: _keyfrag_v1_RevokeLeaseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Lease__Output>): grpc.ClientUnaryCall;
  RevokeLease(argument: _keyfrag_v1_RevokeLeaseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Lease__Output>): grpc.ClientUnaryCall;
  RevokeLease(argument: _keyfrag_v1_RevokeLeaseRequest, callback: grpc.requestCallback<_keyfrag_v1_Lease__Output>): grpc.ClientUnaryCall;
  revokeLease(argument: _keyfrag_v1_RevokeLeaseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Lease__Output>): grpc.ClientUnaryCall;
  revokeLease(argument: _keyfrag_v1_RevokeLeaseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Lease__Output>): grpc.ClientUnaryCall;
  revokeLease(argument: _keyfrag_v1_RevokeLeaseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Lease__Output>): grpc.ClientUnaryCall;
  revokeLease(argument: _keyfrag_v1_RevokeLeaseRequest, callback: grpc.requestCallback<_keyfrag_v1_Lease__Output>): grpc.ClientUnaryCall;
  
  RevokeLeasesByPrefix(argument: _keyfrag_v1_RevokeLeasesByPrefixRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_RevokeLeasesByPrefixResponse__Output>): grpc.ClientUnaryCall;
  RevokeLeasesByPrefix(argument: _keyfrag_v1_RevokeLeasesByPrefixRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_RevokeLeasesByPrefixResponse__Output>): grpc.ClientUnaryCall;
  RevokeLeasesByPrefix(argument: _keyfrag_v1_RevokeLeasesByPrefixRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_RevokeLeasesByPrefixResponse__Output>): grpc.ClientUnaryCall;
  RevokeLeasesByPrefix(argument: _keyfrag_v1_RevokeLeasesByPrefixRequest, callback: grpc.requestCallback<_keyfrag_v1_RevokeLeasesByPrefixResponse__Output>): grpc.ClientUnaryCall;
  revokeLeasesByPrefix(argument: _keyfrag_v1_RevokeLeasesByPrefixRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_RevokeLeasesByPrefixResponse__Output>): grpc.ClientUnaryCall;
  revokeLeasesByPrefix(argument: _keyfrag_v1_RevokeLeasesByPrefixRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_RevokeLeasesByPrefixResponse__Output>): grpc.ClientUnaryCall;
  revokeLeasesByPrefix(argument: _keyfrag_v1_RevokeLeasesByPrefixRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_RevokeLeasesByPrefixResponse__Output>): grpc.ClientUnaryCall;
  revokeLeasesByPrefix(argument: _keyfrag_v1_RevokeLeasesByPrefixRequest, callback: grpc.requestCallback<_keyfrag_v1_RevokeLeasesByPrefixResponse__Output>): grpc.ClientUnaryCall;
  
  RevokeToken(argument: _keyfrag_v1_RevokeTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  RevokeToken(argument: _keyfrag_v1_RevokeTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  RevokeToken(argument: _keyfrag_v1_RevokeTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  RevokeToken(argument: _keyfrag_v1_RevokeTokenRequest, callback: grpc.requestCallback<_keyfrag_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  revokeToken(argument: _keyfrag_v1_RevokeTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  revokeToken(argument: _keyfrag_v1_RevokeTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  revokeToken(argument: _keyfrag_v1_RevokeTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  revokeToken(argument: _keyfrag_v1_RevokeTokenRequest, callback: grpc.requestCallback<_keyfrag_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  
  RotateCustomPayload(argument: _keyfrag_v1_RotateCustomPayloadRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  RotateCustomPayload(argument: _keyfrag_v1_RotateCustomPayloadRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  RotateCustomPayload(argument: _keyfrag_v1_RotateCustomPayloadRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  RotateCustomPayload(argument: _keyfrag_v1_RotateCustomPayloadRequest, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  rotateCustomPayload(argument: _keyfrag_v1_RotateCustomPayloadRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  rotateCustomPayload(argument: _keyfrag_v1_RotateCustomPayloadRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  rotateCustomPayload(argument: _keyfrag_v1_RotateCustomPayloadRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  rotateCustomPayload(argument: _keyfrag_v1_RotateCustomPayloadRequest, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  
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
  
  SweepOrphans(argument: _keyfrag_v1_SweepOrphansRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_SweepOrphansResponse__Output>): grpc.ClientUnaryCall;
  SweepOrphans(argument: _keyfrag_v1_SweepOrphansRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_SweepOrphansResponse__Output>): grpc.ClientUnaryCall;
  SweepOrphans(argument: _keyfrag_v1_SweepOrphansRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_SweepOrphansResponse__Output>): grpc.ClientUnaryCall;
  SweepOrphans(argument: _keyfrag_v1_SweepOrphansRequest, callback: grpc.requestCallback<_keyfrag_v1_SweepOrphansResponse__Output>): grpc.ClientUnaryCall;
  sweepOrphans(argument: _keyfrag_v1_SweepOrphansRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_SweepOrphansResponse__Output>): grpc.ClientUnaryCall;
  sweepOrphans(argument: _keyfrag_v1_SweepOrphansRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_SweepOrphansResponse__Output>): grpc.ClientUnaryCall;
  sweepOrphans(argument: _keyfrag_v1_SweepOrphansRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_SweepOrphansResponse__Output>): grpc.ClientUnaryCall;
  sweepOrphans(argument: _keyfrag_v1_SweepOrphansRequest, callback: grpc.requestCallback<_keyfrag_v1_SweepOrphansResponse__Output>): grpc.ClientUnaryCall;
  
  UpdateDynamicSecret(argument: _keyfrag_v1_UpdateDynamicSecretRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  UpdateDynamicSecret(argument: _keyfrag_v1_UpdateDynamicSecretRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  UpdateDynamicSecret(argument: _keyfrag_v1_UpdateDynamicSecretRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  UpdateDynamicSecret(argument: _keyfrag_v1_UpdateDynamicSecretRequest, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  updateDynamicSecret(argument: _keyfrag_v1_UpdateDynamicSecretRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  updateDynamicSecret(argument: _keyfrag_v1_UpdateDynamicSecretRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  updateDynamicSecret(argument: _keyfrag_v1_UpdateDynamicSecretRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  updateDynamicSecret(argument: _keyfrag_v1_UpdateDynamicSecretRequest, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  
  UpdateSecretVal(argument: _keyfrag_v1_UpdateSecretValRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  UpdateSecretVal(argument: _keyfrag_v1_UpdateSecretValRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  UpdateSecretVal(argument: _keyfrag_v1_UpdateSecretValRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  UpdateSecretVal(argument: _keyfrag_v1_UpdateSecretValRequest, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  updateSecretVal(argument: _keyfrag_v1_UpdateSecretValRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  updateSecretVal(argument: _keyfrag_v1_UpdateSecretValRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  updateSecretVal(argument: _keyfrag_v1_UpdateSecretValRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  updateSecretVal(argument: _keyfrag_v1_UpdateSecretValRequest, callback: grpc.requestCallback<_keyfrag_v1_Item__Output>): grpc.ClientUnaryCall;
  
  UpdateTarget(argument: _keyfrag_v1_UpdateTargetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Target__Output>): grpc.ClientUnaryCall;
  UpdateTarget(argument: _keyfrag_v1_UpdateTargetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Target__Output>): grpc.ClientUnaryCall;
  UpdateTarget(argument: _keyfrag_v1_UpdateTargetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Target__Output>): grpc.ClientUnaryCall;
  UpdateTarget(argument: _keyfrag_v1_UpdateTargetRequest, callback: grpc.requestCallback<_keyfrag_v1_Target__Output>): grpc.ClientUnaryCall;
  updateTarget(argument: _keyfrag_v1_UpdateTargetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Target__Output>): grpc.ClientUnaryCall;
  updateTarget(argument: _keyfrag_v1_UpdateTargetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Target__Output>): grpc.ClientUnaryCall;
  updateTarget(argument: _keyfrag_v1_UpdateTargetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Target__Output>): grpc.ClientUnaryCall;
  updateTarget(argument: _keyfrag_v1_UpdateTargetRequest, callback: grpc.requestCallback<_keyfrag_v1_Target__Output>): grpc.ClientUnaryCall;
  
  Verify(argument: _keyfrag_v1_VerifyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_VerifyResponse__Output>): grpc.ClientUnaryCall;
  Verify(argument: _keyfrag_v1_VerifyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_VerifyResponse__Output>): grpc.ClientUnaryCall;
  Verify(argument: _keyfrag_v1_VerifyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_VerifyResponse__Output>): grpc.ClientUnaryCall;
  Verify(argument: _keyfrag_v1_VerifyRequest, callback: grpc.requestCallback<_keyfrag_v1_VerifyResponse__Output>): grpc.ClientUnaryCall;
  verify(argument: _keyfrag_v1_VerifyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_VerifyResponse__Output>): grpc.ClientUnaryCall;
  verify(argument: _keyfrag_v1_VerifyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_VerifyResponse__Output>): grpc.ClientUnaryCall;
  verify(argument: _keyfrag_v1_VerifyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_VerifyResponse__Output>): grpc.ClientUnaryCall;
  verify(argument: _keyfrag_v1_VerifyRequest, callback: grpc.requestCallback<_keyfrag_v1_VerifyResponse__Output>): grpc.ClientUnaryCall;
  
  VerifyAuditChain(argument: _keyfrag_v1_VerifyChainRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_VerifyChainResponse__Output>): grpc.ClientUnaryCall;
  VerifyAuditChain(argument: _keyfrag_v1_VerifyChainRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_VerifyChainResponse__Output>): grpc.ClientUnaryCall;
  VerifyAuditChain(argument: _keyfrag_v1_VerifyChainRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_VerifyChainResponse__Output>): grpc.ClientUnaryCall;
  VerifyAuditChain(argument: _keyfrag_v1_VerifyChainRequest, callback: grpc.requestCallback<_keyfrag_v1_VerifyChainResponse__Output>): grpc.ClientUnaryCall;
  verifyAuditChain(argument: _keyfrag_v1_VerifyChainRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_VerifyChainResponse__Output>): grpc.ClientUnaryCall;
  verifyAuditChain(argument: _keyfrag_v1_VerifyChainRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_VerifyChainResponse__Output>): grpc.ClientUnaryCall;
  verifyAuditChain(argument: _keyfrag_v1_VerifyChainRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_VerifyChainResponse__Output>): grpc.ClientUnaryCall;
  verifyAuditChain(argument: _keyfrag_v1_VerifyChainRequest, callback: grpc.requestCallback<_keyfrag_v1_VerifyChainResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface GatewayHandlers extends grpc.UntypedServiceImplementation {
  AssocRoleAuthMethod: grpc.handleUnaryCall<_keyfrag_v1_AssocRoleAuthMethodRequest__Output, _keyfrag_v1_Association>;
  
  Auth: grpc.handleUnaryCall<_keyfrag_v1_GatewayAuthRequest__Output, _keyfrag_v1_AuthenticateResponse>;
  
  ClusterStatus: grpc.handleUnaryCall<_keyfrag_v1_ClusterStatusRequest__Output, _keyfrag_v1_ClusterStatusResponse>;
  
  CreateAuthMethod: grpc.handleUnaryCall<_keyfrag_v1_CreateAuthMethodRequest__Output, _keyfrag_v1_CreateAuthMethodResponse>;
  
  CreateDfcKey: grpc.handleUnaryCall<_keyfrag_v1_CreateDfcKeyRequest__Output, _keyfrag_v1_Item>;
  
  CreateDynamicSecret: grpc.handleUnaryCall<_keyfrag_v1_CreateDynamicSecretRequest__Output, _keyfrag_v1_DynamicSecret>;
  
  CreateRole: grpc.handleUnaryCall<_keyfrag_v1_CreateRoleRequest__Output, _keyfrag_v1_Role>;
  
  CreateSecret: grpc.handleUnaryCall<_keyfrag_v1_CreateSecretRequest__Output, _keyfrag_v1_Item>;
  
  CreateTarget: grpc.handleUnaryCall<_keyfrag_v1_CreateTargetRequest__Output, _keyfrag_v1_Target>;
  
  Decrypt: grpc.handleUnaryCall<_keyfrag_v1_DecryptRequest__Output, _keyfrag_v1_DecryptResponse>;
  
  DeleteAuthMethod: grpc.handleUnaryCall<_keyfrag_v1_DeleteAuthMethodRequest__Output, _keyfrag_v1_DeleteAuthMethodResponse>;
  
  DeleteDynamicSecret: grpc.handleUnaryCall<_keyfrag_v1_DeleteDynamicSecretRequest__Output, _keyfrag_v1_DynamicSecret>;
  
  DeleteItem: grpc.handleUnaryCall<_keyfrag_v1_DeleteItemRequest__Output, _keyfrag_v1_Item>;
  
  DeleteRole: grpc.handleUnaryCall<_keyfrag_v1_DeleteRoleRequest__Output, _keyfrag_v1_DeleteRoleResponse>;
  
  DeleteRoleRule: grpc.handleUnaryCall<_keyfrag_v1_DeleteRoleRuleRequest__Output, _keyfrag_v1_Role>;
  
  DeleteTarget: grpc.handleUnaryCall<_keyfrag_v1_DeleteTargetRequest__Output, _keyfrag_v1_Target>;
  
  DescribeItem: grpc.handleUnaryCall<_keyfrag_v1_DescribeItemRequest__Output, _keyfrag_v1_Item>;
  
  DescribePermissions: grpc.handleUnaryCall<_keyfrag_v1_DescribeMyPermissionsRequest__Output, _keyfrag_v1_DescribePermissionsResponse>;
  
  DestroySecretVersion: grpc.handleUnaryCall<_keyfrag_v1_DestroyVersionRequest__Output, _keyfrag_v1_Item>;
  
  Encrypt: grpc.handleUnaryCall<_keyfrag_v1_EncryptRequest__Output, _keyfrag_v1_EncryptResponse>;
  
  ExportAuditEvents: grpc.handleServerStreamingCall<_keyfrag_v1_QueryEventsRequest__Output, _keyfrag_v1_ExportChunk>;
  
  ForgetLease: grpc.handleUnaryCall<_keyfrag_v1_ForgetLeaseRequest__Output, _keyfrag_v1_Lease>;
  
  GetAuditEvents: grpc.handleUnaryCall<_keyfrag_v1_QueryEventsRequest__Output, _keyfrag_v1_QueryEventsResponse>;
  
  GetDynamicSecret: grpc.handleUnaryCall<_keyfrag_v1_GetDynamicSecretRequest__Output, _keyfrag_v1_DynamicSecret>;
  
  GetDynamicSecretValue: grpc.handleUnaryCall<_keyfrag_v1_GetDynamicSecretValueRequest__Output, _keyfrag_v1_GetDynamicSecretValueResponse>;
  
  GetLease: grpc.handleUnaryCall<_keyfrag_v1_GetLeaseRequest__Output, _keyfrag_v1_Lease>;
  
  GetPublicKey: grpc.handleUnaryCall<_keyfrag_v1_GetPublicKeyRequest__Output, _keyfrag_v1_GetPublicKeyResponse>;
  
  GetRole: grpc.handleUnaryCall<_keyfrag_v1_GetRoleRequest__Output, _keyfrag_v1_Role>;
  
  GetSecretValue: grpc.handleUnaryCall<_keyfrag_v1_GetSecretValueRequest__Output, _keyfrag_v1_GetSecretValueResponse>;
  
  GetSshCertificate: grpc.handleUnaryCall<_keyfrag_v1_GetSshCertificateRequest__Output, _keyfrag_v1_GetSshCertificateResponse>;
  
  GetTarget: grpc.handleUnaryCall<_keyfrag_v1_GetTargetRequest__Output, _keyfrag_v1_Target>;
  
  ListAuthMethods: grpc.handleUnaryCall<_keyfrag_v1_ListAuthMethodsRequest__Output, _keyfrag_v1_ListAuthMethodsResponse>;
  
  ListDynamicSecrets: grpc.handleUnaryCall<_keyfrag_v1_ListDynamicSecretsRequest__Output, _keyfrag_v1_ListDynamicSecretsResponse>;
  
  ListItems: grpc.handleUnaryCall<_keyfrag_v1_ListItemsRequest__Output, _keyfrag_v1_ListItemsResponse>;
  
  ListLeases: grpc.handleUnaryCall<_keyfrag_v1_ListLeasesRequest__Output, _keyfrag_v1_ListLeasesResponse>;
  
  ListRoles: grpc.handleUnaryCall<_keyfrag_v1_ListRolesRequest__Output, _keyfrag_v1_ListRolesResponse>;
  
  ListTargets: grpc.handleUnaryCall<_keyfrag_v1_ListTargetsRequest__Output, _keyfrag_v1_ListTargetsResponse>;
  
  PurgeItem: grpc.handleUnaryCall<_keyfrag_v1_PurgeItemRequest__Output, _keyfrag_v1_Item>;
  
  RefreshKey: grpc.handleUnaryCall<_keyfrag_v1_RefreshKeyRequest__Output, _keyfrag_v1_RefreshKeyResponse>;
  
  RenewLease: grpc.handleUnaryCall<_keyfrag_v1_RenewLeaseRequest__Output, _keyfrag_v1_Lease>;
  
  RestoreItem: grpc.handleUnaryCall<_keyfrag_v1_RestoreItemRequest__Output, _keyfrag_v1_Item>;
  
  RevokeLease: grpc.handleUnaryCall<_keyfrag_v1_RevokeLeaseRequest__Output, _keyfrag_v1_Lease>;
  
  RevokeLeasesByPrefix: grpc.handleUnaryCall<_keyfrag_v1_RevokeLeasesByPrefixRequest__Output, _keyfrag_v1_RevokeLeasesByPrefixResponse>;
  
  RevokeToken: grpc.handleUnaryCall<_keyfrag_v1_RevokeTokenRequest__Output, _keyfrag_v1_RevokeTokenResponse>;
  
  RotateCustomPayload: grpc.handleUnaryCall<_keyfrag_v1_RotateCustomPayloadRequest__Output, _keyfrag_v1_DynamicSecret>;
  
  RotateKey: grpc.handleUnaryCall<_keyfrag_v1_RotateKeyRequest__Output, _keyfrag_v1_Item>;
  
  SetRoleRule: grpc.handleUnaryCall<_keyfrag_v1_SetRoleRuleRequest__Output, _keyfrag_v1_Role>;
  
  Sign: grpc.handleUnaryCall<_keyfrag_v1_SignRequest__Output, _keyfrag_v1_SignResponse>;
  
  SweepOrphans: grpc.handleUnaryCall<_keyfrag_v1_SweepOrphansRequest__Output, _keyfrag_v1_SweepOrphansResponse>;
  
  UpdateDynamicSecret: grpc.handleUnaryCall<_keyfrag_v1_UpdateDynamicSecretRequest__Output, _keyfrag_v1_DynamicSecret>;
  
  UpdateSecretVal: grpc.handleUnaryCall<_keyfrag_v1_UpdateSecretValRequest__Output, _keyfrag_v1_Item>;
  
  UpdateTarget: grpc.handleUnaryCall<_keyfrag_v1_UpdateTargetRequest__Output, _keyfrag_v1_Target>;
  
  Verify: grpc.handleUnaryCall<_keyfrag_v1_VerifyRequest__Output, _keyfrag_v1_VerifyResponse>;
  
  VerifyAuditChain: grpc.handleUnaryCall<_keyfrag_v1_VerifyChainRequest__Output, _keyfrag_v1_VerifyChainResponse>;
  
}

export interface GatewayDefinition extends grpc.ServiceDefinition {
  AssocRoleAuthMethod: MethodDefinition<_keyfrag_v1_AssocRoleAuthMethodRequest, _keyfrag_v1_Association, _keyfrag_v1_AssocRoleAuthMethodRequest__Output, _keyfrag_v1_Association__Output>
  Auth: MethodDefinition<_keyfrag_v1_GatewayAuthRequest, _keyfrag_v1_AuthenticateResponse, _keyfrag_v1_GatewayAuthRequest__Output, _keyfrag_v1_AuthenticateResponse__Output>
  ClusterStatus: MethodDefinition<_keyfrag_v1_ClusterStatusRequest, _keyfrag_v1_ClusterStatusResponse, _keyfrag_v1_ClusterStatusRequest__Output, _keyfrag_v1_ClusterStatusResponse__Output>
  CreateAuthMethod: MethodDefinition<_keyfrag_v1_CreateAuthMethodRequest, _keyfrag_v1_CreateAuthMethodResponse, _keyfrag_v1_CreateAuthMethodRequest__Output, _keyfrag_v1_CreateAuthMethodResponse__Output>
  CreateDfcKey: MethodDefinition<_keyfrag_v1_CreateDfcKeyRequest, _keyfrag_v1_Item, _keyfrag_v1_CreateDfcKeyRequest__Output, _keyfrag_v1_Item__Output>
  CreateDynamicSecret: MethodDefinition<_keyfrag_v1_CreateDynamicSecretRequest, _keyfrag_v1_DynamicSecret, _keyfrag_v1_CreateDynamicSecretRequest__Output, _keyfrag_v1_DynamicSecret__Output>
  CreateRole: MethodDefinition<_keyfrag_v1_CreateRoleRequest, _keyfrag_v1_Role, _keyfrag_v1_CreateRoleRequest__Output, _keyfrag_v1_Role__Output>
  CreateSecret: MethodDefinition<_keyfrag_v1_CreateSecretRequest, _keyfrag_v1_Item, _keyfrag_v1_CreateSecretRequest__Output, _keyfrag_v1_Item__Output>
  CreateTarget: MethodDefinition<_keyfrag_v1_CreateTargetRequest, _keyfrag_v1_Target, _keyfrag_v1_CreateTargetRequest__Output, _keyfrag_v1_Target__Output>
  Decrypt: MethodDefinition<_keyfrag_v1_DecryptRequest, _keyfrag_v1_DecryptResponse, _keyfrag_v1_DecryptRequest__Output, _keyfrag_v1_DecryptResponse__Output>
  DeleteAuthMethod: MethodDefinition<_keyfrag_v1_DeleteAuthMethodRequest, _keyfrag_v1_DeleteAuthMethodResponse, _keyfrag_v1_DeleteAuthMethodRequest__Output, _keyfrag_v1_DeleteAuthMethodResponse__Output>
  DeleteDynamicSecret: MethodDefinition<_keyfrag_v1_DeleteDynamicSecretRequest, _keyfrag_v1_DynamicSecret, _keyfrag_v1_DeleteDynamicSecretRequest__Output, _keyfrag_v1_DynamicSecret__Output>
  DeleteItem: MethodDefinition<_keyfrag_v1_DeleteItemRequest, _keyfrag_v1_Item, _keyfrag_v1_DeleteItemRequest__Output, _keyfrag_v1_Item__Output>
  DeleteRole: MethodDefinition<_keyfrag_v1_DeleteRoleRequest, _keyfrag_v1_DeleteRoleResponse, _keyfrag_v1_DeleteRoleRequest__Output, _keyfrag_v1_DeleteRoleResponse__Output>
  DeleteRoleRule: MethodDefinition<_keyfrag_v1_DeleteRoleRuleRequest, _keyfrag_v1_Role, _keyfrag_v1_DeleteRoleRuleRequest__Output, _keyfrag_v1_Role__Output>
  DeleteTarget: MethodDefinition<_keyfrag_v1_DeleteTargetRequest, _keyfrag_v1_Target, _keyfrag_v1_DeleteTargetRequest__Output, _keyfrag_v1_Target__Output>
  DescribeItem: MethodDefinition<_keyfrag_v1_DescribeItemRequest, _keyfrag_v1_Item, _keyfrag_v1_DescribeItemRequest__Output, _keyfrag_v1_Item__Output>
  DescribePermissions: MethodDefinition<_keyfrag_v1_DescribeMyPermissionsRequest, _keyfrag_v1_DescribePermissionsResponse, _keyfrag_v1_DescribeMyPermissionsRequest__Output, _keyfrag_v1_DescribePermissionsResponse__Output>
  DestroySecretVersion: MethodDefinition<_keyfrag_v1_DestroyVersionRequest, _keyfrag_v1_Item, _keyfrag_v1_DestroyVersionRequest__Output, _keyfrag_v1_Item__Output>
  Encrypt: MethodDefinition<_keyfrag_v1_EncryptRequest, _keyfrag_v1_EncryptResponse, _keyfrag_v1_EncryptRequest__Output, _keyfrag_v1_EncryptResponse__Output>
  ExportAuditEvents: MethodDefinition<_keyfrag_v1_QueryEventsRequest, _keyfrag_v1_ExportChunk, _keyfrag_v1_QueryEventsRequest__Output, _keyfrag_v1_ExportChunk__Output>
  ForgetLease: MethodDefinition<_keyfrag_v1_ForgetLeaseRequest, _keyfrag_v1_Lease, _keyfrag_v1_ForgetLeaseRequest__Output, _keyfrag_v1_Lease__Output>
  GetAuditEvents: MethodDefinition<_keyfrag_v1_QueryEventsRequest, _keyfrag_v1_QueryEventsResponse, _keyfrag_v1_QueryEventsRequest__Output, _keyfrag_v1_QueryEventsResponse__Output>
  GetDynamicSecret: MethodDefinition<_keyfrag_v1_GetDynamicSecretRequest, _keyfrag_v1_DynamicSecret, _keyfrag_v1_GetDynamicSecretRequest__Output, _keyfrag_v1_DynamicSecret__Output>
  GetDynamicSecretValue: MethodDefinition<_keyfrag_v1_GetDynamicSecretValueRequest, _keyfrag_v1_GetDynamicSecretValueResponse, _keyfrag_v1_GetDynamicSecretValueRequest__Output, _keyfrag_v1_GetDynamicSecretValueResponse__Output>
  GetLease: MethodDefinition<_keyfrag_v1_GetLeaseRequest, _keyfrag_v1_Lease, _keyfrag_v1_GetLeaseRequest__Output, _keyfrag_v1_Lease__Output>
  GetPublicKey: MethodDefinition<_keyfrag_v1_GetPublicKeyRequest, _keyfrag_v1_GetPublicKeyResponse, _keyfrag_v1_GetPublicKeyRequest__Output, _keyfrag_v1_GetPublicKeyResponse__Output>
  GetRole: MethodDefinition<_keyfrag_v1_GetRoleRequest, _keyfrag_v1_Role, _keyfrag_v1_GetRoleRequest__Output, _keyfrag_v1_Role__Output>
  GetSecretValue: MethodDefinition<_keyfrag_v1_GetSecretValueRequest, _keyfrag_v1_GetSecretValueResponse, _keyfrag_v1_GetSecretValueRequest__Output, _keyfrag_v1_GetSecretValueResponse__Output>
  GetSshCertificate: MethodDefinition<_keyfrag_v1_GetSshCertificateRequest, _keyfrag_v1_GetSshCertificateResponse, _keyfrag_v1_GetSshCertificateRequest__Output, _keyfrag_v1_GetSshCertificateResponse__Output>
  GetTarget: MethodDefinition<_keyfrag_v1_GetTargetRequest, _keyfrag_v1_Target, _keyfrag_v1_GetTargetRequest__Output, _keyfrag_v1_Target__Output>
  ListAuthMethods: MethodDefinition<_keyfrag_v1_ListAuthMethodsRequest, _keyfrag_v1_ListAuthMethodsResponse, _keyfrag_v1_ListAuthMethodsRequest__Output, _keyfrag_v1_ListAuthMethodsResponse__Output>
  ListDynamicSecrets: MethodDefinition<_keyfrag_v1_ListDynamicSecretsRequest, _keyfrag_v1_ListDynamicSecretsResponse, _keyfrag_v1_ListDynamicSecretsRequest__Output, _keyfrag_v1_ListDynamicSecretsResponse__Output>
  ListItems: MethodDefinition<_keyfrag_v1_ListItemsRequest, _keyfrag_v1_ListItemsResponse, _keyfrag_v1_ListItemsRequest__Output, _keyfrag_v1_ListItemsResponse__Output>
  ListLeases: MethodDefinition<_keyfrag_v1_ListLeasesRequest, _keyfrag_v1_ListLeasesResponse, _keyfrag_v1_ListLeasesRequest__Output, _keyfrag_v1_ListLeasesResponse__Output>
  ListRoles: MethodDefinition<_keyfrag_v1_ListRolesRequest, _keyfrag_v1_ListRolesResponse, _keyfrag_v1_ListRolesRequest__Output, _keyfrag_v1_ListRolesResponse__Output>
  ListTargets: MethodDefinition<_keyfrag_v1_ListTargetsRequest, _keyfrag_v1_ListTargetsResponse, _keyfrag_v1_ListTargetsRequest__Output, _keyfrag_v1_ListTargetsResponse__Output>
  PurgeItem: MethodDefinition<_keyfrag_v1_PurgeItemRequest, _keyfrag_v1_Item, _keyfrag_v1_PurgeItemRequest__Output, _keyfrag_v1_Item__Output>
  RefreshKey: MethodDefinition<_keyfrag_v1_RefreshKeyRequest, _keyfrag_v1_RefreshKeyResponse, _keyfrag_v1_RefreshKeyRequest__Output, _keyfrag_v1_RefreshKeyResponse__Output>
  RenewLease: MethodDefinition<_keyfrag_v1_RenewLeaseRequest, _keyfrag_v1_Lease, _keyfrag_v1_RenewLeaseRequest__Output, _keyfrag_v1_Lease__Output>
  RestoreItem: MethodDefinition<_keyfrag_v1_RestoreItemRequest, _keyfrag_v1_Item, _keyfrag_v1_RestoreItemRequest__Output, _keyfrag_v1_Item__Output>
  RevokeLease: MethodDefinition<_keyfrag_v1_RevokeLeaseRequest, _keyfrag_v1_Lease, _keyfrag_v1_RevokeLeaseRequest__Output, _keyfrag_v1_Lease__Output>
  RevokeLeasesByPrefix: MethodDefinition<_keyfrag_v1_RevokeLeasesByPrefixRequest, _keyfrag_v1_RevokeLeasesByPrefixResponse, _keyfrag_v1_RevokeLeasesByPrefixRequest__Output, _keyfrag_v1_RevokeLeasesByPrefixResponse__Output>
  RevokeToken: MethodDefinition<_keyfrag_v1_RevokeTokenRequest, _keyfrag_v1_RevokeTokenResponse, _keyfrag_v1_RevokeTokenRequest__Output, _keyfrag_v1_RevokeTokenResponse__Output>
  RotateCustomPayload: MethodDefinition<_keyfrag_v1_RotateCustomPayloadRequest, _keyfrag_v1_DynamicSecret, _keyfrag_v1_RotateCustomPayloadRequest__Output, _keyfrag_v1_DynamicSecret__Output>
  RotateKey: MethodDefinition<_keyfrag_v1_RotateKeyRequest, _keyfrag_v1_Item, _keyfrag_v1_RotateKeyRequest__Output, _keyfrag_v1_Item__Output>
  SetRoleRule: MethodDefinition<_keyfrag_v1_SetRoleRuleRequest, _keyfrag_v1_Role, _keyfrag_v1_SetRoleRuleRequest__Output, _keyfrag_v1_Role__Output>
  Sign: MethodDefinition<_keyfrag_v1_SignRequest, _keyfrag_v1_SignResponse, _keyfrag_v1_SignRequest__Output, _keyfrag_v1_SignResponse__Output>
  SweepOrphans: MethodDefinition<_keyfrag_v1_SweepOrphansRequest, _keyfrag_v1_SweepOrphansResponse, _keyfrag_v1_SweepOrphansRequest__Output, _keyfrag_v1_SweepOrphansResponse__Output>
  UpdateDynamicSecret: MethodDefinition<_keyfrag_v1_UpdateDynamicSecretRequest, _keyfrag_v1_DynamicSecret, _keyfrag_v1_UpdateDynamicSecretRequest__Output, _keyfrag_v1_DynamicSecret__Output>
  UpdateSecretVal: MethodDefinition<_keyfrag_v1_UpdateSecretValRequest, _keyfrag_v1_Item, _keyfrag_v1_UpdateSecretValRequest__Output, _keyfrag_v1_Item__Output>
  UpdateTarget: MethodDefinition<_keyfrag_v1_UpdateTargetRequest, _keyfrag_v1_Target, _keyfrag_v1_UpdateTargetRequest__Output, _keyfrag_v1_Target__Output>
  Verify: MethodDefinition<_keyfrag_v1_VerifyRequest, _keyfrag_v1_VerifyResponse, _keyfrag_v1_VerifyRequest__Output, _keyfrag_v1_VerifyResponse__Output>
  VerifyAuditChain: MethodDefinition<_keyfrag_v1_VerifyChainRequest, _keyfrag_v1_VerifyChainResponse, _keyfrag_v1_VerifyChainRequest__Output, _keyfrag_v1_VerifyChainResponse__Output>
}
