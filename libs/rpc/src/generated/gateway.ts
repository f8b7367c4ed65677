import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { AccessKeyMethod as _keyfrag_v1_AccessKeyMethod, AccessKeyMethod__Output as _keyfrag_v1_AccessKeyMethod__Output } from './keyfrag/v1/AccessKeyMethod.js';
import type { AddKeyVersionRequest as _keyfrag_v1_AddKeyVersionRequest, AddKeyVersionRequest__Output as _keyfrag_v1_AddKeyVersionRequest__Output } from './keyfrag/v1/AddKeyVersionRequest.js';
import type { AssocRoleAuthMethodRequest as _keyfrag_v1_AssocRoleAuthMethodRequest, AssocRoleAuthMethodRequest__Output as _keyfrag_v1_AssocRoleAuthMethodRequest__Output } from './keyfrag/v1/AssocRoleAuthMethodRequest.js';
import type { Association as _keyfrag_v1_Association, Association__Output as _keyfrag_v1_Association__Output } from './keyfrag/v1/Association.js';
import type { AuditClient as _keyfrag_v1_AuditClient, AuditDefinition as _keyfrag_v1_AuditDefinition } from './keyfrag/v1/Audit.js';
import type { AuditActor as _keyfrag_v1_AuditActor, AuditActor__Output as _keyfrag_v1_AuditActor__Output } from './keyfrag/v1/AuditActor.js';
import type { AuditHashRequest as _keyfrag_v1_AuditHashRequest, AuditHashRequest__Output as _keyfrag_v1_AuditHashRequest__Output } from './keyfrag/v1/AuditHashRequest.js';
import type { AuditHashResponse as _keyfrag_v1_AuditHashResponse, AuditHashResponse__Output as _keyfrag_v1_AuditHashResponse__Output } from './keyfrag/v1/AuditHashResponse.js';
import type { AuditRecord as _keyfrag_v1_AuditRecord, AuditRecord__Output as _keyfrag_v1_AuditRecord__Output } from './keyfrag/v1/AuditRecord.js';
import type { AuthClient as _keyfrag_v1_AuthClient, AuthDefinition as _keyfrag_v1_AuthDefinition } from './keyfrag/v1/Auth.js';
import type { AuthMethod as _keyfrag_v1_AuthMethod, AuthMethod__Output as _keyfrag_v1_AuthMethod__Output } from './keyfrag/v1/AuthMethod.js';
import type { AuthenticateRequest as _keyfrag_v1_AuthenticateRequest, AuthenticateRequest__Output as _keyfrag_v1_AuthenticateRequest__Output } from './keyfrag/v1/AuthenticateRequest.js';
import type { AuthenticateResponse as _keyfrag_v1_AuthenticateResponse, AuthenticateResponse__Output as _keyfrag_v1_AuthenticateResponse__Output } from './keyfrag/v1/AuthenticateResponse.js';
import type { AuthorizeRequest as _keyfrag_v1_AuthorizeRequest, AuthorizeRequest__Output as _keyfrag_v1_AuthorizeRequest__Output } from './keyfrag/v1/AuthorizeRequest.js';
import type { AuthorizeResponse as _keyfrag_v1_AuthorizeResponse, AuthorizeResponse__Output as _keyfrag_v1_AuthorizeResponse__Output } from './keyfrag/v1/AuthorizeResponse.js';
import type { CertificateMethod as _keyfrag_v1_CertificateMethod, CertificateMethod__Output as _keyfrag_v1_CertificateMethod__Output } from './keyfrag/v1/CertificateMethod.js';
import type { ClientInfo as _keyfrag_v1_ClientInfo, ClientInfo__Output as _keyfrag_v1_ClientInfo__Output } from './keyfrag/v1/ClientInfo.js';
import type { ClusterStatusRequest as _keyfrag_v1_ClusterStatusRequest, ClusterStatusRequest__Output as _keyfrag_v1_ClusterStatusRequest__Output } from './keyfrag/v1/ClusterStatusRequest.js';
import type { ClusterStatusResponse as _keyfrag_v1_ClusterStatusResponse, ClusterStatusResponse__Output as _keyfrag_v1_ClusterStatusResponse__Output } from './keyfrag/v1/ClusterStatusResponse.js';
import type { CoordinatorClient as _keyfrag_v1_CoordinatorClient, CoordinatorDefinition as _keyfrag_v1_CoordinatorDefinition } from './keyfrag/v1/Coordinator.js';
import type { CreateAuthMethodRequest as _keyfrag_v1_CreateAuthMethodRequest, CreateAuthMethodRequest__Output as _keyfrag_v1_CreateAuthMethodRequest__Output } from './keyfrag/v1/CreateAuthMethodRequest.js';
import type { CreateAuthMethodResponse as _keyfrag_v1_CreateAuthMethodResponse, CreateAuthMethodResponse__Output as _keyfrag_v1_CreateAuthMethodResponse__Output } from './keyfrag/v1/CreateAuthMethodResponse.js';
import type { CreateDfcKeyRequest as _keyfrag_v1_CreateDfcKeyRequest, CreateDfcKeyRequest__Output as _keyfrag_v1_CreateDfcKeyRequest__Output } from './keyfrag/v1/CreateDfcKeyRequest.js';
import type { CreateDynamicSecretRequest as _keyfrag_v1_CreateDynamicSecretRequest, CreateDynamicSecretRequest__Output as _keyfrag_v1_CreateDynamicSecretRequest__Output } from './keyfrag/v1/CreateDynamicSecretRequest.js';
import type { CreateItemRequest as _keyfrag_v1_CreateItemRequest, CreateItemRequest__Output as _keyfrag_v1_CreateItemRequest__Output } from './keyfrag/v1/CreateItemRequest.js';
import type { CreateKeyRequest as _keyfrag_v1_CreateKeyRequest, CreateKeyRequest__Output as _keyfrag_v1_CreateKeyRequest__Output } from './keyfrag/v1/CreateKeyRequest.js';
import type { CreateRoleRequest as _keyfrag_v1_CreateRoleRequest, CreateRoleRequest__Output as _keyfrag_v1_CreateRoleRequest__Output } from './keyfrag/v1/CreateRoleRequest.js';
import type { CreateSecretRequest as _keyfrag_v1_CreateSecretRequest, CreateSecretRequest__Output as _keyfrag_v1_CreateSecretRequest__Output } from './keyfrag/v1/CreateSecretRequest.js';
import type { CreateTargetRequest as _keyfrag_v1_CreateTargetRequest, CreateTargetRequest__Output as _keyfrag_v1_CreateTargetRequest__Output } from './keyfrag/v1/CreateTargetRequest.js';
import type { CustomProducer as _keyfrag_v1_CustomProducer, CustomProducer__Output as _keyfrag_v1_CustomProducer__Output } from './keyfrag/v1/CustomProducer.js';
import type { DecryptRequest as _keyfrag_v1_DecryptRequest, DecryptRequest__Output as _keyfrag_v1_DecryptRequest__Output } from './keyfrag/v1/DecryptRequest.js';
import type { DecryptResponse as _keyfrag_v1_DecryptResponse, DecryptResponse__Output as _keyfrag_v1_DecryptResponse__Output } from './keyfrag/v1/DecryptResponse.js';
import type { DeleteAssociationRequest as _keyfrag_v1_DeleteAssociationRequest, DeleteAssociationRequest__Output as _keyfrag_v1_DeleteAssociationRequest__Output } from './keyfrag/v1/DeleteAssociationRequest.js';
import type { DeleteAssociationResponse as _keyfrag_v1_DeleteAssociationResponse, DeleteAssociationResponse__Output as _keyfrag_v1_DeleteAssociationResponse__Output } from './keyfrag/v1/DeleteAssociationResponse.js';
import type { DeleteAuthMethodRequest as _keyfrag_v1_DeleteAuthMethodRequest, DeleteAuthMethodRequest__Output as _keyfrag_v1_DeleteAuthMethodRequest__Output } from './keyfrag/v1/DeleteAuthMethodRequest.js';
import type { DeleteAuthMethodResponse as _keyfrag_v1_DeleteAuthMethodResponse, DeleteAuthMethodResponse__Output as _keyfrag_v1_DeleteAuthMethodResponse__Output } from './keyfrag/v1/DeleteAuthMethodResponse.js';
import type { DeleteDynamicSecretRequest as _keyfrag_v1_DeleteDynamicSecretRequest, DeleteDynamicSecretRequest__Output as _keyfrag_v1_DeleteDynamicSecretRequest__Output } from './keyfrag/v1/DeleteDynamicSecretRequest.js';
import type { DeleteForwarderRequest as _keyfrag_v1_DeleteForwarderRequest, DeleteForwarderRequest__Output as _keyfrag_v1_DeleteForwarderRequest__Output } from './keyfrag/v1/DeleteForwarderRequest.js';
import type { DeleteForwarderResponse as _keyfrag_v1_DeleteForwarderResponse, DeleteForwarderResponse__Output as _keyfrag_v1_DeleteForwarderResponse__Output } from './keyfrag/v1/DeleteForwarderResponse.js';
import type { DeleteItemRequest as _keyfrag_v1_DeleteItemRequest, DeleteItemRequest__Output as _keyfrag_v1_DeleteItemRequest__Output } from './keyfrag/v1/DeleteItemRequest.js';
import type { DeleteRoleRequest as _keyfrag_v1_DeleteRoleRequest, DeleteRoleRequest__Output as _keyfrag_v1_DeleteRoleRequest__Output } from './keyfrag/v1/DeleteRoleRequest.js';
import type { DeleteRoleResponse as _keyfrag_v1_DeleteRoleResponse, DeleteRoleResponse__Output as _keyfrag_v1_DeleteRoleResponse__Output } from './keyfrag/v1/DeleteRoleResponse.js';
import type { DeleteRoleRuleRequest as _keyfrag_v1_DeleteRoleRuleRequest, DeleteRoleRuleRequest__Output as _keyfrag_v1_DeleteRoleRuleRequest__Output } from './keyfrag/v1/DeleteRoleRuleRequest.js';
import type { DeleteTargetRequest as _keyfrag_v1_DeleteTargetRequest, DeleteTargetRequest__Output as _keyfrag_v1_DeleteTargetRequest__Output } from './keyfrag/v1/DeleteTargetRequest.js';
import type { DescribeItemRequest as _keyfrag_v1_DescribeItemRequest, DescribeItemRequest__Output as _keyfrag_v1_DescribeItemRequest__Output } from './keyfrag/v1/DescribeItemRequest.js';
import type { DescribeMyPermissionsRequest as _keyfrag_v1_DescribeMyPermissionsRequest, DescribeMyPermissionsRequest__Output as _keyfrag_v1_DescribeMyPermissionsRequest__Output } from './keyfrag/v1/DescribeMyPermissionsRequest.js';
import type { DescribePermissionsRequest as _keyfrag_v1_DescribePermissionsRequest, DescribePermissionsRequest__Output as _keyfrag_v1_DescribePermissionsRequest__Output } from './keyfrag/v1/DescribePermissionsRequest.js';
import type { DescribePermissionsResponse as _keyfrag_v1_DescribePermissionsResponse, DescribePermissionsResponse__Output as _keyfrag_v1_DescribePermissionsResponse__Output } from './keyfrag/v1/DescribePermissionsResponse.js';
import type { DestroyVersionRequest as _keyfrag_v1_DestroyVersionRequest, DestroyVersionRequest__Output as _keyfrag_v1_DestroyVersionRequest__Output } from './keyfrag/v1/DestroyVersionRequest.js';
import type { DfcKeySpec as _keyfrag_v1_DfcKeySpec, DfcKeySpec__Output as _keyfrag_v1_DfcKeySpec__Output } from './keyfrag/v1/DfcKeySpec.js';
import type { DynamicSecret as _keyfrag_v1_DynamicSecret, DynamicSecret__Output as _keyfrag_v1_DynamicSecret__Output } from './keyfrag/v1/DynamicSecret.js';
import type { ElasticsearchForwarder as _keyfrag_v1_ElasticsearchForwarder, ElasticsearchForwarder__Output as _keyfrag_v1_ElasticsearchForwarder__Output } from './keyfrag/v1/ElasticsearchForwarder.js';
import type { EncryptRequest as _keyfrag_v1_EncryptRequest, EncryptRequest__Output as _keyfrag_v1_EncryptRequest__Output } from './keyfrag/v1/EncryptRequest.js';
import type { EncryptResponse as _keyfrag_v1_EncryptResponse, EncryptResponse__Output as _keyfrag_v1_EncryptResponse__Output } from './keyfrag/v1/EncryptResponse.js';
import type { ExportChunk as _keyfrag_v1_ExportChunk, ExportChunk__Output as _keyfrag_v1_ExportChunk__Output } from './keyfrag/v1/ExportChunk.js';
import type { ForgetLeaseRequest as _keyfrag_v1_ForgetLeaseRequest, ForgetLeaseRequest__Output as _keyfrag_v1_ForgetLeaseRequest__Output } from './keyfrag/v1/ForgetLeaseRequest.js';
import type { Forwarder as _keyfrag_v1_Forwarder, Forwarder__Output as _keyfrag_v1_Forwarder__Output } from './keyfrag/v1/Forwarder.js';
import type { GatewayClient as _keyfrag_v1_GatewayClient, GatewayDefinition as _keyfrag_v1_GatewayDefinition } from './keyfrag/v1/Gateway.js';
import type { GatewayAuthRequest as _keyfrag_v1_GatewayAuthRequest, GatewayAuthRequest__Output as _keyfrag_v1_GatewayAuthRequest__Output } from './keyfrag/v1/GatewayAuthRequest.js';
import type { GatewayInternalClient as _keyfrag_v1_GatewayInternalClient, GatewayInternalDefinition as _keyfrag_v1_GatewayInternalDefinition } from './keyfrag/v1/GatewayInternal.js';
import type { GetAuthMethodRequest as _keyfrag_v1_GetAuthMethodRequest, GetAuthMethodRequest__Output as _keyfrag_v1_GetAuthMethodRequest__Output } from './keyfrag/v1/GetAuthMethodRequest.js';
import type { GetDynamicSecretRequest as _keyfrag_v1_GetDynamicSecretRequest, GetDynamicSecretRequest__Output as _keyfrag_v1_GetDynamicSecretRequest__Output } from './keyfrag/v1/GetDynamicSecretRequest.js';
import type { GetDynamicSecretValueRequest as _keyfrag_v1_GetDynamicSecretValueRequest, GetDynamicSecretValueRequest__Output as _keyfrag_v1_GetDynamicSecretValueRequest__Output } from './keyfrag/v1/GetDynamicSecretValueRequest.js';
import type { GetDynamicSecretValueResponse as _keyfrag_v1_GetDynamicSecretValueResponse, GetDynamicSecretValueResponse__Output as _keyfrag_v1_GetDynamicSecretValueResponse__Output } from './keyfrag/v1/GetDynamicSecretValueResponse.js';
import type { GetKeyRequest as _keyfrag_v1_GetKeyRequest, GetKeyRequest__Output as _keyfrag_v1_GetKeyRequest__Output } from './keyfrag/v1/GetKeyRequest.js';
import type { GetLeaseRequest as _keyfrag_v1_GetLeaseRequest, GetLeaseRequest__Output as _keyfrag_v1_GetLeaseRequest__Output } from './keyfrag/v1/GetLeaseRequest.js';
import type { GetPublicKeyRequest as _keyfrag_v1_GetPublicKeyRequest, GetPublicKeyRequest__Output as _keyfrag_v1_GetPublicKeyRequest__Output } from './keyfrag/v1/GetPublicKeyRequest.js';
import type { GetPublicKeyResponse as _keyfrag_v1_GetPublicKeyResponse, GetPublicKeyResponse__Output as _keyfrag_v1_GetPublicKeyResponse__Output } from './keyfrag/v1/GetPublicKeyResponse.js';
import type { GetRoleRequest as _keyfrag_v1_GetRoleRequest, GetRoleRequest__Output as _keyfrag_v1_GetRoleRequest__Output } from './keyfrag/v1/GetRoleRequest.js';
import type { GetSecretValueRequest as _keyfrag_v1_GetSecretValueRequest, GetSecretValueRequest__Output as _keyfrag_v1_GetSecretValueRequest__Output } from './keyfrag/v1/GetSecretValueRequest.js';
import type { GetSecretValueResponse as _keyfrag_v1_GetSecretValueResponse, GetSecretValueResponse__Output as _keyfrag_v1_GetSecretValueResponse__Output } from './keyfrag/v1/GetSecretValueResponse.js';
import type { GetSshCertificateRequest as _keyfrag_v1_GetSshCertificateRequest, GetSshCertificateRequest__Output as _keyfrag_v1_GetSshCertificateRequest__Output } from './keyfrag/v1/GetSshCertificateRequest.js';
import type { GetSshCertificateResponse as _keyfrag_v1_GetSshCertificateResponse, GetSshCertificateResponse__Output as _keyfrag_v1_GetSshCertificateResponse__Output } from './keyfrag/v1/GetSshCertificateResponse.js';
import type { GetTargetRequest as _keyfrag_v1_GetTargetRequest, GetTargetRequest__Output as _keyfrag_v1_GetTargetRequest__Output } from './keyfrag/v1/GetTargetRequest.js';
import type { GetTokenKeysRequest as _keyfrag_v1_GetTokenKeysRequest, GetTokenKeysRequest__Output as _keyfrag_v1_GetTokenKeysRequest__Output } from './keyfrag/v1/GetTokenKeysRequest.js';
import type { GetTokenKeysResponse as _keyfrag_v1_GetTokenKeysResponse, GetTokenKeysResponse__Output as _keyfrag_v1_GetTokenKeysResponse__Output } from './keyfrag/v1/GetTokenKeysResponse.js';
import type { GetVersionsRequest as _keyfrag_v1_GetVersionsRequest, GetVersionsRequest__Output as _keyfrag_v1_GetVersionsRequest__Output } from './keyfrag/v1/GetVersionsRequest.js';
import type { GetVersionsResponse as _keyfrag_v1_GetVersionsResponse, GetVersionsResponse__Output as _keyfrag_v1_GetVersionsResponse__Output } from './keyfrag/v1/GetVersionsResponse.js';
import type { HttpForwarder as _keyfrag_v1_HttpForwarder, HttpForwarder__Output as _keyfrag_v1_HttpForwarder__Output } from './keyfrag/v1/HttpForwarder.js';
import type { Identity as _keyfrag_v1_Identity, Identity__Output as _keyfrag_v1_Identity__Output } from './keyfrag/v1/Identity.js';
import type { InternalSignRequest as _keyfrag_v1_InternalSignRequest, InternalSignRequest__Output as _keyfrag_v1_InternalSignRequest__Output } from './keyfrag/v1/InternalSignRequest.js';
import type { InternalSignResponse as _keyfrag_v1_InternalSignResponse, InternalSignResponse__Output as _keyfrag_v1_InternalSignResponse__Output } from './keyfrag/v1/InternalSignResponse.js';
import type { Item as _keyfrag_v1_Item, Item__Output as _keyfrag_v1_Item__Output } from './keyfrag/v1/Item.js';
import type { JwtMethod as _keyfrag_v1_JwtMethod, JwtMethod__Output as _keyfrag_v1_JwtMethod__Output } from './keyfrag/v1/JwtMethod.js';
import type { JwtProducer as _keyfrag_v1_JwtProducer, JwtProducer__Output as _keyfrag_v1_JwtProducer__Output } from './keyfrag/v1/JwtProducer.js';
import type { KeyEpochInfo as _keyfrag_v1_KeyEpochInfo, KeyEpochInfo__Output as _keyfrag_v1_KeyEpochInfo__Output } from './keyfrag/v1/KeyEpochInfo.js';
import type { KeyInfo as _keyfrag_v1_KeyInfo, KeyInfo__Output as _keyfrag_v1_KeyInfo__Output } from './keyfrag/v1/KeyInfo.js';
import type { KeyPublicData as _keyfrag_v1_KeyPublicData, KeyPublicData__Output as _keyfrag_v1_KeyPublicData__Output } from './keyfrag/v1/KeyPublicData.js';
import type { KeyRef as _keyfrag_v1_KeyRef, KeyRef__Output as _keyfrag_v1_KeyRef__Output } from './keyfrag/v1/KeyRef.js';
import type { KeySummary as _keyfrag_v1_KeySummary, KeySummary__Output as _keyfrag_v1_KeySummary__Output } from './keyfrag/v1/KeySummary.js';
import type { KubernetesMethod as _keyfrag_v1_KubernetesMethod, KubernetesMethod__Output as _keyfrag_v1_KubernetesMethod__Output } from './keyfrag/v1/KubernetesMethod.js';
import type { Lease as _keyfrag_v1_Lease, Lease__Output as _keyfrag_v1_Lease__Output } from './keyfrag/v1/Lease.js';
import type { ListAssociationsRequest as _keyfrag_v1_ListAssociationsRequest, ListAssociationsRequest__Output as _keyfrag_v1_ListAssociationsRequest__Output } from './keyfrag/v1/ListAssociationsRequest.js';
import type { ListAssociationsResponse as _keyfrag_v1_ListAssociationsResponse, ListAssociationsResponse__Output as _keyfrag_v1_ListAssociationsResponse__Output } from './keyfrag/v1/ListAssociationsResponse.js';
import type { ListAuthMethodsRequest as _keyfrag_v1_ListAuthMethodsRequest, ListAuthMethodsRequest__Output as _keyfrag_v1_ListAuthMethodsRequest__Output } from './keyfrag/v1/ListAuthMethodsRequest.js';
import type { ListAuthMethodsResponse as _keyfrag_v1_ListAuthMethodsResponse, ListAuthMethodsResponse__Output as _keyfrag_v1_ListAuthMethodsResponse__Output } from './keyfrag/v1/ListAuthMethodsResponse.js';
import type { ListChangesRequest as _keyfrag_v1_ListChangesRequest, ListChangesRequest__Output as _keyfrag_v1_ListChangesRequest__Output } from './keyfrag/v1/ListChangesRequest.js';
import type { ListChangesResponse as _keyfrag_v1_ListChangesResponse, ListChangesResponse__Output as _keyfrag_v1_ListChangesResponse__Output } from './keyfrag/v1/ListChangesResponse.js';
import type { ListDynamicSecretsRequest as _keyfrag_v1_ListDynamicSecretsRequest, ListDynamicSecretsRequest__Output as _keyfrag_v1_ListDynamicSecretsRequest__Output } from './keyfrag/v1/ListDynamicSecretsRequest.js';
import type { ListDynamicSecretsResponse as _keyfrag_v1_ListDynamicSecretsResponse, ListDynamicSecretsResponse__Output as _keyfrag_v1_ListDynamicSecretsResponse__Output } from './keyfrag/v1/ListDynamicSecretsResponse.js';
import type { ListForwardersRequest as _keyfrag_v1_ListForwardersRequest, ListForwardersRequest__Output as _keyfrag_v1_ListForwardersRequest__Output } from './keyfrag/v1/ListForwardersRequest.js';
import type { ListForwardersResponse as _keyfrag_v1_ListForwardersResponse, ListForwardersResponse__Output as _keyfrag_v1_ListForwardersResponse__Output } from './keyfrag/v1/ListForwardersResponse.js';
import type { ListItemsRequest as _keyfrag_v1_ListItemsRequest, ListItemsRequest__Output as _keyfrag_v1_ListItemsRequest__Output } from './keyfrag/v1/ListItemsRequest.js';
import type { ListItemsResponse as _keyfrag_v1_ListItemsResponse, ListItemsResponse__Output as _keyfrag_v1_ListItemsResponse__Output } from './keyfrag/v1/ListItemsResponse.js';
import type { ListLeasesRequest as _keyfrag_v1_ListLeasesRequest, ListLeasesRequest__Output as _keyfrag_v1_ListLeasesRequest__Output } from './keyfrag/v1/ListLeasesRequest.js';
import type { ListLeasesResponse as _keyfrag_v1_ListLeasesResponse, ListLeasesResponse__Output as _keyfrag_v1_ListLeasesResponse__Output } from './keyfrag/v1/ListLeasesResponse.js';
import type { ListRevocationsRequest as _keyfrag_v1_ListRevocationsRequest, ListRevocationsRequest__Output as _keyfrag_v1_ListRevocationsRequest__Output } from './keyfrag/v1/ListRevocationsRequest.js';
import type { ListRevocationsResponse as _keyfrag_v1_ListRevocationsResponse, ListRevocationsResponse__Output as _keyfrag_v1_ListRevocationsResponse__Output } from './keyfrag/v1/ListRevocationsResponse.js';
import type { ListRolesRequest as _keyfrag_v1_ListRolesRequest, ListRolesRequest__Output as _keyfrag_v1_ListRolesRequest__Output } from './keyfrag/v1/ListRolesRequest.js';
import type { ListRolesResponse as _keyfrag_v1_ListRolesResponse, ListRolesResponse__Output as _keyfrag_v1_ListRolesResponse__Output } from './keyfrag/v1/ListRolesResponse.js';
import type { ListTargetsRequest as _keyfrag_v1_ListTargetsRequest, ListTargetsRequest__Output as _keyfrag_v1_ListTargetsRequest__Output } from './keyfrag/v1/ListTargetsRequest.js';
import type { ListTargetsResponse as _keyfrag_v1_ListTargetsResponse, ListTargetsResponse__Output as _keyfrag_v1_ListTargetsResponse__Output } from './keyfrag/v1/ListTargetsResponse.js';
import type { NodeInfo as _keyfrag_v1_NodeInfo, NodeInfo__Output as _keyfrag_v1_NodeInfo__Output } from './keyfrag/v1/NodeInfo.js';
import type { Participant as _keyfrag_v1_Participant, Participant__Output as _keyfrag_v1_Participant__Output } from './keyfrag/v1/Participant.js';
import type { PolicyClient as _keyfrag_v1_PolicyClient, PolicyDefinition as _keyfrag_v1_PolicyDefinition } from './keyfrag/v1/Policy.js';
import type { ProducersClient as _keyfrag_v1_ProducersClient, ProducersDefinition as _keyfrag_v1_ProducersDefinition } from './keyfrag/v1/Producers.js';
import type { PublicKeysRequest as _keyfrag_v1_PublicKeysRequest, PublicKeysRequest__Output as _keyfrag_v1_PublicKeysRequest__Output } from './keyfrag/v1/PublicKeysRequest.js';
import type { PublicKeysResponse as _keyfrag_v1_PublicKeysResponse, PublicKeysResponse__Output as _keyfrag_v1_PublicKeysResponse__Output } from './keyfrag/v1/PublicKeysResponse.js';
import type { PurgeItemRequest as _keyfrag_v1_PurgeItemRequest, PurgeItemRequest__Output as _keyfrag_v1_PurgeItemRequest__Output } from './keyfrag/v1/PurgeItemRequest.js';
import type { PutVersionRequest as _keyfrag_v1_PutVersionRequest, PutVersionRequest__Output as _keyfrag_v1_PutVersionRequest__Output } from './keyfrag/v1/PutVersionRequest.js';
import type { QueryEventsRequest as _keyfrag_v1_QueryEventsRequest, QueryEventsRequest__Output as _keyfrag_v1_QueryEventsRequest__Output } from './keyfrag/v1/QueryEventsRequest.js';
import type { QueryEventsResponse as _keyfrag_v1_QueryEventsResponse, QueryEventsResponse__Output as _keyfrag_v1_QueryEventsResponse__Output } from './keyfrag/v1/QueryEventsResponse.js';
import type { RedisProducer as _keyfrag_v1_RedisProducer, RedisProducer__Output as _keyfrag_v1_RedisProducer__Output } from './keyfrag/v1/RedisProducer.js';
import type { RefreshKeyRequest as _keyfrag_v1_RefreshKeyRequest, RefreshKeyRequest__Output as _keyfrag_v1_RefreshKeyRequest__Output } from './keyfrag/v1/RefreshKeyRequest.js';
import type { RefreshKeyResponse as _keyfrag_v1_RefreshKeyResponse, RefreshKeyResponse__Output as _keyfrag_v1_RefreshKeyResponse__Output } from './keyfrag/v1/RefreshKeyResponse.js';
import type { RenewLeaseRequest as _keyfrag_v1_RenewLeaseRequest, RenewLeaseRequest__Output as _keyfrag_v1_RenewLeaseRequest__Output } from './keyfrag/v1/RenewLeaseRequest.js';
import type { ReplaceCiphertextRequest as _keyfrag_v1_ReplaceCiphertextRequest, ReplaceCiphertextRequest__Output as _keyfrag_v1_ReplaceCiphertextRequest__Output } from './keyfrag/v1/ReplaceCiphertextRequest.js';
import type { Replica as _keyfrag_v1_Replica, Replica__Output as _keyfrag_v1_Replica__Output } from './keyfrag/v1/Replica.js';
import type { RestoreItemRequest as _keyfrag_v1_RestoreItemRequest, RestoreItemRequest__Output as _keyfrag_v1_RestoreItemRequest__Output } from './keyfrag/v1/RestoreItemRequest.js';
import type { Revocation as _keyfrag_v1_Revocation, Revocation__Output as _keyfrag_v1_Revocation__Output } from './keyfrag/v1/Revocation.js';
import type { RevokeLeaseRequest as _keyfrag_v1_RevokeLeaseRequest, RevokeLeaseRequest__Output as _keyfrag_v1_RevokeLeaseRequest__Output } from './keyfrag/v1/RevokeLeaseRequest.js';
import type { RevokeLeasesByPrefixRequest as _keyfrag_v1_RevokeLeasesByPrefixRequest, RevokeLeasesByPrefixRequest__Output as _keyfrag_v1_RevokeLeasesByPrefixRequest__Output } from './keyfrag/v1/RevokeLeasesByPrefixRequest.js';
import type { RevokeLeasesByPrefixResponse as _keyfrag_v1_RevokeLeasesByPrefixResponse, RevokeLeasesByPrefixResponse__Output as _keyfrag_v1_RevokeLeasesByPrefixResponse__Output } from './keyfrag/v1/RevokeLeasesByPrefixResponse.js';
import type { RevokeTokenRequest as _keyfrag_v1_RevokeTokenRequest, RevokeTokenRequest__Output as _keyfrag_v1_RevokeTokenRequest__Output } from './keyfrag/v1/RevokeTokenRequest.js';
import type { RevokeTokenResponse as _keyfrag_v1_RevokeTokenResponse, RevokeTokenResponse__Output as _keyfrag_v1_RevokeTokenResponse__Output } from './keyfrag/v1/RevokeTokenResponse.js';
import type { Role as _keyfrag_v1_Role, Role__Output as _keyfrag_v1_Role__Output } from './keyfrag/v1/Role.js';
import type { RolePermissions as _keyfrag_v1_RolePermissions, RolePermissions__Output as _keyfrag_v1_RolePermissions__Output } from './keyfrag/v1/RolePermissions.js';
import type { RotateCustomPayloadRequest as _keyfrag_v1_RotateCustomPayloadRequest, RotateCustomPayloadRequest__Output as _keyfrag_v1_RotateCustomPayloadRequest__Output } from './keyfrag/v1/RotateCustomPayloadRequest.js';
import type { RotateKeyRequest as _keyfrag_v1_RotateKeyRequest, RotateKeyRequest__Output as _keyfrag_v1_RotateKeyRequest__Output } from './keyfrag/v1/RotateKeyRequest.js';
import type { RotateKeyVersionRequest as _keyfrag_v1_RotateKeyVersionRequest, RotateKeyVersionRequest__Output as _keyfrag_v1_RotateKeyVersionRequest__Output } from './keyfrag/v1/RotateKeyVersionRequest.js';
import type { Rule as _keyfrag_v1_Rule, Rule__Output as _keyfrag_v1_Rule__Output } from './keyfrag/v1/Rule.js';
import type { SealRequest as _keyfrag_v1_SealRequest, SealRequest__Output as _keyfrag_v1_SealRequest__Output } from './keyfrag/v1/SealRequest.js';
import type { SealResponse as _keyfrag_v1_SealResponse, SealResponse__Output as _keyfrag_v1_SealResponse__Output } from './keyfrag/v1/SealResponse.js';
import type { SealedKeySpec as _keyfrag_v1_SealedKeySpec, SealedKeySpec__Output as _keyfrag_v1_SealedKeySpec__Output } from './keyfrag/v1/SealedKeySpec.js';
import type { SecretValue as _keyfrag_v1_SecretValue, SecretValue__Output as _keyfrag_v1_SecretValue__Output } from './keyfrag/v1/SecretValue.js';
import type { SecretsClient as _keyfrag_v1_SecretsClient, SecretsDefinition as _keyfrag_v1_SecretsDefinition } from './keyfrag/v1/Secrets.js';
import type { ServiceHealth as _keyfrag_v1_ServiceHealth, ServiceHealth__Output as _keyfrag_v1_ServiceHealth__Output } from './keyfrag/v1/ServiceHealth.js';
import type { SetForwarderRequest as _keyfrag_v1_SetForwarderRequest, SetForwarderRequest__Output as _keyfrag_v1_SetForwarderRequest__Output } from './keyfrag/v1/SetForwarderRequest.js';
import type { SetRoleRuleRequest as _keyfrag_v1_SetRoleRuleRequest, SetRoleRuleRequest__Output as _keyfrag_v1_SetRoleRuleRequest__Output } from './keyfrag/v1/SetRoleRuleRequest.js';
import type { SignRequest as _keyfrag_v1_SignRequest, SignRequest__Output as _keyfrag_v1_SignRequest__Output } from './keyfrag/v1/SignRequest.js';
import type { SignResponse as _keyfrag_v1_SignResponse, SignResponse__Output as _keyfrag_v1_SignResponse__Output } from './keyfrag/v1/SignResponse.js';
import type { SlotPlacement as _keyfrag_v1_SlotPlacement, SlotPlacement__Output as _keyfrag_v1_SlotPlacement__Output } from './keyfrag/v1/SlotPlacement.js';
import type { SqlProducer as _keyfrag_v1_SqlProducer, SqlProducer__Output as _keyfrag_v1_SqlProducer__Output } from './keyfrag/v1/SqlProducer.js';
import type { SshProducer as _keyfrag_v1_SshProducer, SshProducer__Output as _keyfrag_v1_SshProducer__Output } from './keyfrag/v1/SshProducer.js';
import type { StdoutForwarder as _keyfrag_v1_StdoutForwarder, StdoutForwarder__Output as _keyfrag_v1_StdoutForwarder__Output } from './keyfrag/v1/StdoutForwarder.js';
import type { StoredVersion as _keyfrag_v1_StoredVersion, StoredVersion__Output as _keyfrag_v1_StoredVersion__Output } from './keyfrag/v1/StoredVersion.js';
import type { StringList as _keyfrag_v1_StringList, StringList__Output as _keyfrag_v1_StringList__Output } from './keyfrag/v1/StringList.js';
import type { SweepOrphansRequest as _keyfrag_v1_SweepOrphansRequest, SweepOrphansRequest__Output as _keyfrag_v1_SweepOrphansRequest__Output } from './keyfrag/v1/SweepOrphansRequest.js';
import type { SweepOrphansResponse as _keyfrag_v1_SweepOrphansResponse, SweepOrphansResponse__Output as _keyfrag_v1_SweepOrphansResponse__Output } from './keyfrag/v1/SweepOrphansResponse.js';
import type { SyslogForwarder as _keyfrag_v1_SyslogForwarder, SyslogForwarder__Output as _keyfrag_v1_SyslogForwarder__Output } from './keyfrag/v1/SyslogForwarder.js';
import type { Target as _keyfrag_v1_Target, Target__Output as _keyfrag_v1_Target__Output } from './keyfrag/v1/Target.js';
import type { UnsealRequest as _keyfrag_v1_UnsealRequest, UnsealRequest__Output as _keyfrag_v1_UnsealRequest__Output } from './keyfrag/v1/UnsealRequest.js';
import type { UnsealResponse as _keyfrag_v1_UnsealResponse, UnsealResponse__Output as _keyfrag_v1_UnsealResponse__Output } from './keyfrag/v1/UnsealResponse.js';
import type { UpdateDynamicSecretRequest as _keyfrag_v1_UpdateDynamicSecretRequest, UpdateDynamicSecretRequest__Output as _keyfrag_v1_UpdateDynamicSecretRequest__Output } from './keyfrag/v1/UpdateDynamicSecretRequest.js';
import type { UpdateSecretValRequest as _keyfrag_v1_UpdateSecretValRequest, UpdateSecretValRequest__Output as _keyfrag_v1_UpdateSecretValRequest__Output } from './keyfrag/v1/UpdateSecretValRequest.js';
import type { UpdateTargetRequest as _keyfrag_v1_UpdateTargetRequest, UpdateTargetRequest__Output as _keyfrag_v1_UpdateTargetRequest__Output } from './keyfrag/v1/UpdateTargetRequest.js';
import type { VerifyChainRequest as _keyfrag_v1_VerifyChainRequest, VerifyChainRequest__Output as _keyfrag_v1_VerifyChainRequest__Output } from './keyfrag/v1/VerifyChainRequest.js';
import type { VerifyChainResponse as _keyfrag_v1_VerifyChainResponse, VerifyChainResponse__Output as _keyfrag_v1_VerifyChainResponse__Output } from './keyfrag/v1/VerifyChainResponse.js';
import type { VerifyRequest as _keyfrag_v1_VerifyRequest, VerifyRequest__Output as _keyfrag_v1_VerifyRequest__Output } from './keyfrag/v1/VerifyRequest.js';
import type { VerifyResponse as _keyfrag_v1_VerifyResponse, VerifyResponse__Output as _keyfrag_v1_VerifyResponse__Output } from './keyfrag/v1/VerifyResponse.js';
import type { VersionInfo as _keyfrag_v1_VersionInfo, VersionInfo__Output as _keyfrag_v1_VersionInfo__Output } from './keyfrag/v1/VersionInfo.js';
import type { VersionedPublicKey as _keyfrag_v1_VersionedPublicKey, VersionedPublicKey__Output as _keyfrag_v1_VersionedPublicKey__Output } from './keyfrag/v1/VersionedPublicKey.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  keyfrag: {
    v1: {
      AccessKeyMethod: MessageTypeDefinition<_keyfrag_v1_AccessKeyMethod, _keyfrag_v1_AccessKeyMethod__Output>
      AddKeyVersionRequest: MessageTypeDefinition<_keyfrag_v1_AddKeyVersionRequest, _keyfrag_v1_AddKeyVersionRequest__Output>
      AssocRoleAuthMethodRequest: MessageTypeDefinition<_keyfrag_v1_AssocRoleAuthMethodRequest, _keyfrag_v1_AssocRoleAuthMethodRequest__Output>
      Association: MessageTypeDefinition<_keyfrag_v1_Association, _keyfrag_v1_Association__Output>
      Audit: SubtypeConstructor<typeof grpc.Client, _keyfrag_v1_AuditClient> & { service: _keyfrag_v1_AuditDefinition }
      AuditActor: MessageTypeDefinition<_keyfrag_v1_AuditActor, _keyfrag_v1_AuditActor__Output>
      AuditHashRequest: MessageTypeDefinition<_keyfrag_v1_AuditHashRequest, _keyfrag_v1_AuditHashRequest__Output>
      AuditHashResponse: MessageTypeDefinition<_keyfrag_v1_AuditHashResponse, _keyfrag_v1_AuditHashResponse__Output>
      AuditRecord: MessageTypeDefinition<_keyfrag_v1_AuditRecord, _keyfrag_v1_AuditRecord__Output>
      Auth: SubtypeConstructor<typeof grpc.Client, _keyfrag_v1_AuthClient> & { service: _keyfrag_v1_AuthDefinition }
      AuthMethod: MessageTypeDefinition<_keyfrag_v1_AuthMethod, _keyfrag_v1_AuthMethod__Output>
      AuthenticateRequest: MessageTypeDefinition<_keyfrag_v1_AuthenticateRequest, _keyfrag_v1_AuthenticateRequest__Output>
      AuthenticateResponse: MessageTypeDefinition<_keyfrag_v1_AuthenticateResponse, _keyfrag_v1_AuthenticateResponse__Output>
      AuthorizeRequest: MessageTypeDefinition<_keyfrag_v1_AuthorizeRequest, _keyfrag_v1_AuthorizeRequest__Output>
      AuthorizeResponse: MessageTypeDefinition<_keyfrag_v1_AuthorizeResponse, _keyfrag_v1_AuthorizeResponse__Output>
      CertificateMethod: MessageTypeDefinition<_keyfrag_v1_CertificateMethod, _keyfrag_v1_CertificateMethod__Output>
      ClientInfo: MessageTypeDefinition<_keyfrag_v1_ClientInfo, _keyfrag_v1_ClientInfo__Output>
      ClusterStatusRequest: MessageTypeDefinition<_keyfrag_v1_ClusterStatusRequest, _keyfrag_v1_ClusterStatusRequest__Output>
      ClusterStatusResponse: MessageTypeDefinition<_keyfrag_v1_ClusterStatusResponse, _keyfrag_v1_ClusterStatusResponse__Output>
      Coordinator: SubtypeConstructor<typeof grpc.Client, _keyfrag_v1_CoordinatorClient> & { service: _keyfrag_v1_CoordinatorDefinition }
      CreateAuthMethodRequest: MessageTypeDefinition<_keyfrag_v1_CreateAuthMethodRequest, _keyfrag_v1_CreateAuthMethodRequest__Output>
      CreateAuthMethodResponse: MessageTypeDefinition<_keyfrag_v1_CreateAuthMethodResponse, _keyfrag_v1_CreateAuthMethodResponse__Output>
      CreateDfcKeyRequest: MessageTypeDefinition<_keyfrag_v1_CreateDfcKeyRequest, _keyfrag_v1_CreateDfcKeyRequest__Output>
      CreateDynamicSecretRequest: MessageTypeDefinition<_keyfrag_v1_CreateDynamicSecretRequest, _keyfrag_v1_CreateDynamicSecretRequest__Output>
      CreateItemRequest: MessageTypeDefinition<_keyfrag_v1_CreateItemRequest, _keyfrag_v1_CreateItemRequest__Output>
      CreateKeyRequest: MessageTypeDefinition<_keyfrag_v1_CreateKeyRequest, _keyfrag_v1_CreateKeyRequest__Output>
      CreateRoleRequest: MessageTypeDefinition<_keyfrag_v1_CreateRoleRequest, _keyfrag_v1_CreateRoleRequest__Output>
      CreateSecretRequest: MessageTypeDefinition<_keyfrag_v1_CreateSecretRequest, _keyfrag_v1_CreateSecretRequest__Output>
      CreateTargetRequest: MessageTypeDefinition<_keyfrag_v1_CreateTargetRequest, _keyfrag_v1_CreateTargetRequest__Output>
      CustomProducer: MessageTypeDefinition<_keyfrag_v1_CustomProducer, _keyfrag_v1_CustomProducer__Output>
      DecryptRequest: MessageTypeDefinition<_keyfrag_v1_DecryptRequest, _keyfrag_v1_DecryptRequest__Output>
      DecryptResponse: MessageTypeDefinition<_keyfrag_v1_DecryptResponse, _keyfrag_v1_DecryptResponse__Output>
      DeleteAssociationRequest: MessageTypeDefinition<_keyfrag_v1_DeleteAssociationRequest, _keyfrag_v1_DeleteAssociationRequest__Output>
      DeleteAssociationResponse: MessageTypeDefinition<_keyfrag_v1_DeleteAssociationResponse, _keyfrag_v1_DeleteAssociationResponse__Output>
      DeleteAuthMethodRequest: MessageTypeDefinition<_keyfrag_v1_DeleteAuthMethodRequest, _keyfrag_v1_DeleteAuthMethodRequest__Output>
      DeleteAuthMethodResponse: MessageTypeDefinition<_keyfrag_v1_DeleteAuthMethodResponse, _keyfrag_v1_DeleteAuthMethodResponse__Output>
      DeleteDynamicSecretRequest: MessageTypeDefinition<_keyfrag_v1_DeleteDynamicSecretRequest, _keyfrag_v1_DeleteDynamicSecretRequest__Output>
      DeleteForwarderRequest: MessageTypeDefinition<_keyfrag_v1_DeleteForwarderRequest, _keyfrag_v1_DeleteForwarderRequest__Output>
      DeleteForwarderResponse: MessageTypeDefinition<_keyfrag_v1_DeleteForwarderResponse, _keyfrag_v1_DeleteForwarderResponse__Output>
      DeleteItemRequest: MessageTypeDefinition<_keyfrag_v1_DeleteItemRequest, _keyfrag_v1_DeleteItemRequest__Output>
      DeleteRoleRequest: MessageTypeDefinition<_keyfrag_v1_DeleteRoleRequest, _keyfrag_v1_DeleteRoleRequest__Output>
      DeleteRoleResponse: MessageTypeDefinition<_keyfrag_v1_DeleteRoleResponse, _keyfrag_v1_DeleteRoleResponse__Output>
      DeleteRoleRuleRequest: MessageTypeDefinition<_keyfrag_v1_DeleteRoleRuleRequest, _keyfrag_v1_DeleteRoleRuleRequest__Output>
      DeleteTargetRequest: MessageTypeDefinition<_keyfrag_v1_DeleteTargetRequest, _keyfrag_v1_DeleteTargetRequest__Output>
      DescribeItemRequest: MessageTypeDefinition<_keyfrag_v1_DescribeItemRequest, _keyfrag_v1_DescribeItemRequest__Output>
      DescribeMyPermissionsRequest: MessageTypeDefinition<_keyfrag_v1_DescribeMyPermissionsRequest, _keyfrag_v1_DescribeMyPermissionsRequest__Output>
      DescribePermissionsRequest: MessageTypeDefinition<_keyfrag_v1_DescribePermissionsRequest, _keyfrag_v1_DescribePermissionsRequest__Output>
      DescribePermissionsResponse: MessageTypeDefinition<_keyfrag_v1_DescribePermissionsResponse, _keyfrag_v1_DescribePermissionsResponse__Output>
      DestroyVersionRequest: MessageTypeDefinition<_keyfrag_v1_DestroyVersionRequest, _keyfrag_v1_DestroyVersionRequest__Output>
      DfcKeySpec: MessageTypeDefinition<_keyfrag_v1_DfcKeySpec, _keyfrag_v1_DfcKeySpec__Output>
      DynamicSecret: MessageTypeDefinition<_keyfrag_v1_DynamicSecret, _keyfrag_v1_DynamicSecret__Output>
      ElasticsearchForwarder: MessageTypeDefinition<_keyfrag_v1_ElasticsearchForwarder, _keyfrag_v1_ElasticsearchForwarder__Output>
      EncryptRequest: MessageTypeDefinition<_keyfrag_v1_EncryptRequest, _keyfrag_v1_EncryptRequest__Output>
      EncryptResponse: MessageTypeDefinition<_keyfrag_v1_EncryptResponse, _keyfrag_v1_EncryptResponse__Output>
      ExportChunk: MessageTypeDefinition<_keyfrag_v1_ExportChunk, _keyfrag_v1_ExportChunk__Output>
      ForgetLeaseRequest: MessageTypeDefinition<_keyfrag_v1_ForgetLeaseRequest, _keyfrag_v1_ForgetLeaseRequest__Output>
      Forwarder: MessageTypeDefinition<_keyfrag_v1_Forwarder, _keyfrag_v1_Forwarder__Output>
      Gateway: SubtypeConstructor<typeof grpc.Client, _keyfrag_v1_GatewayClient> & { service: _keyfrag_v1_GatewayDefinition }
      GatewayAuthRequest: MessageTypeDefinition<_keyfrag_v1_GatewayAuthRequest, _keyfrag_v1_GatewayAuthRequest__Output>
      GatewayInternal: SubtypeConstructor<typeof grpc.Client, _keyfrag_v1_GatewayInternalClient> & { service: _keyfrag_v1_GatewayInternalDefinition }
      GetAuthMethodRequest: MessageTypeDefinition<_keyfrag_v1_GetAuthMethodRequest, _keyfrag_v1_GetAuthMethodRequest__Output>
      GetDynamicSecretRequest: MessageTypeDefinition<_keyfrag_v1_GetDynamicSecretRequest, _keyfrag_v1_GetDynamicSecretRequest__Output>
      GetDynamicSecretValueRequest: MessageTypeDefinition<_keyfrag_v1_GetDynamicSecretValueRequest, _keyfrag_v1_GetDynamicSecretValueRequest__Output>
      GetDynamicSecretValueResponse: MessageTypeDefinition<_keyfrag_v1_GetDynamicSecretValueResponse, _keyfrag_v1_GetDynamicSecretValueResponse__Output>
      GetKeyRequest: MessageTypeDefinition<_keyfrag_v1_GetKeyRequest, _keyfrag_v1_GetKeyRequest__Output>
      GetLeaseRequest: MessageTypeDefinition<_keyfrag_v1_GetLeaseRequest, _keyfrag_v1_GetLeaseRequest__Output>
      GetPublicKeyRequest: MessageTypeDefinition<_keyfrag_v1_GetPublicKeyRequest, _keyfrag_v1_GetPublicKeyRequest__Output>
      GetPublicKeyResponse: MessageTypeDefinition<_keyfrag_v1_GetPublicKeyResponse, _keyfrag_v1_GetPublicKeyResponse__Output>
      GetRoleRequest: MessageTypeDefinition<_keyfrag_v1_GetRoleRequest, _keyfrag_v1_GetRoleRequest__Output>
      GetSecretValueRequest: MessageTypeDefinition<_keyfrag_v1_GetSecretValueRequest, _keyfrag_v1_GetSecretValueRequest__Output>
      GetSecretValueResponse: MessageTypeDefinition<_keyfrag_v1_GetSecretValueResponse, _keyfrag_v1_GetSecretValueResponse__Output>
      GetSshCertificateRequest: MessageTypeDefinition<_keyfrag_v1_GetSshCertificateRequest, _keyfrag_v1_GetSshCertificateRequest__Output>
      GetSshCertificateResponse: MessageTypeDefinition<_keyfrag_v1_GetSshCertificateResponse, _keyfrag_v1_GetSshCertificateResponse__Output>
      GetTargetRequest: MessageTypeDefinition<_keyfrag_v1_GetTargetRequest, _keyfrag_v1_GetTargetRequest__Output>
      GetTokenKeysRequest: MessageTypeDefinition<_keyfrag_v1_GetTokenKeysRequest, _keyfrag_v1_GetTokenKeysRequest__Output>
      GetTokenKeysResponse: MessageTypeDefinition<_keyfrag_v1_GetTokenKeysResponse, _keyfrag_v1_GetTokenKeysResponse__Output>
      GetVersionsRequest: MessageTypeDefinition<_keyfrag_v1_GetVersionsRequest, _keyfrag_v1_GetVersionsRequest__Output>
      GetVersionsResponse: MessageTypeDefinition<_keyfrag_v1_GetVersionsResponse, _keyfrag_v1_GetVersionsResponse__Output>
      HttpForwarder: MessageTypeDefinition<_keyfrag_v1_HttpForwarder, _keyfrag_v1_HttpForwarder__Output>
      Identity: MessageTypeDefinition<_keyfrag_v1_Identity, _keyfrag_v1_Identity__Output>
      InternalSignRequest: MessageTypeDefinition<_keyfrag_v1_InternalSignRequest, _keyfrag_v1_InternalSignRequest__Output>
      InternalSignResponse: MessageTypeDefinition<_keyfrag_v1_InternalSignResponse, _keyfrag_v1_InternalSignResponse__Output>
      Item: MessageTypeDefinition<_keyfrag_v1_Item, _keyfrag_v1_Item__Output>
      JwtMethod: MessageTypeDefinition<_keyfrag_v1_JwtMethod, _keyfrag_v1_JwtMethod__Output>
      JwtProducer: MessageTypeDefinition<_keyfrag_v1_JwtProducer, _keyfrag_v1_JwtProducer__Output>
      KeyAlgorithm: EnumTypeDefinition
      KeyEpochInfo: MessageTypeDefinition<_keyfrag_v1_KeyEpochInfo, _keyfrag_v1_KeyEpochInfo__Output>
      KeyInfo: MessageTypeDefinition<_keyfrag_v1_KeyInfo, _keyfrag_v1_KeyInfo__Output>
      KeyPublicData: MessageTypeDefinition<_keyfrag_v1_KeyPublicData, _keyfrag_v1_KeyPublicData__Output>
      KeyRef: MessageTypeDefinition<_keyfrag_v1_KeyRef, _keyfrag_v1_KeyRef__Output>
      KeySummary: MessageTypeDefinition<_keyfrag_v1_KeySummary, _keyfrag_v1_KeySummary__Output>
      KubernetesMethod: MessageTypeDefinition<_keyfrag_v1_KubernetesMethod, _keyfrag_v1_KubernetesMethod__Output>
      Lease: MessageTypeDefinition<_keyfrag_v1_Lease, _keyfrag_v1_Lease__Output>
      ListAssociationsRequest: MessageTypeDefinition<_keyfrag_v1_ListAssociationsRequest, _keyfrag_v1_ListAssociationsRequest__Output>
      ListAssociationsResponse: MessageTypeDefinition<_keyfrag_v1_ListAssociationsResponse, _keyfrag_v1_ListAssociationsResponse__Output>
      ListAuthMethodsRequest: MessageTypeDefinition<_keyfrag_v1_ListAuthMethodsRequest, _keyfrag_v1_ListAuthMethodsRequest__Output>
      ListAuthMethodsResponse: MessageTypeDefinition<_keyfrag_v1_ListAuthMethodsResponse, _keyfrag_v1_ListAuthMethodsResponse__Output>
      ListChangesRequest: MessageTypeDefinition<_keyfrag_v1_ListChangesRequest, _keyfrag_v1_ListChangesRequest__Output>
      ListChangesResponse: MessageTypeDefinition<_keyfrag_v1_ListChangesResponse, _keyfrag_v1_ListChangesResponse__Output>
      ListDynamicSecretsRequest: MessageTypeDefinition<_keyfrag_v1_ListDynamicSecretsRequest, _keyfrag_v1_ListDynamicSecretsRequest__Output>
      ListDynamicSecretsResponse: MessageTypeDefinition<_keyfrag_v1_ListDynamicSecretsResponse, _keyfrag_v1_ListDynamicSecretsResponse__Output>
      ListForwardersRequest: MessageTypeDefinition<_keyfrag_v1_ListForwardersRequest, _keyfrag_v1_ListForwardersRequest__Output>
      ListForwardersResponse: MessageTypeDefinition<_keyfrag_v1_ListForwardersResponse, _keyfrag_v1_ListForwardersResponse__Output>
      ListItemsRequest: MessageTypeDefinition<_keyfrag_v1_ListItemsRequest, _keyfrag_v1_ListItemsRequest__Output>
      ListItemsResponse: MessageTypeDefinition<_keyfrag_v1_ListItemsResponse, _keyfrag_v1_ListItemsResponse__Output>
      ListLeasesRequest: MessageTypeDefinition<_keyfrag_v1_ListLeasesRequest, _keyfrag_v1_ListLeasesRequest__Output>
      ListLeasesResponse: MessageTypeDefinition<_keyfrag_v1_ListLeasesResponse, _keyfrag_v1_ListLeasesResponse__Output>
      ListRevocationsRequest: MessageTypeDefinition<_keyfrag_v1_ListRevocationsRequest, _keyfrag_v1_ListRevocationsRequest__Output>
      ListRevocationsResponse: MessageTypeDefinition<_keyfrag_v1_ListRevocationsResponse, _keyfrag_v1_ListRevocationsResponse__Output>
      ListRolesRequest: MessageTypeDefinition<_keyfrag_v1_ListRolesRequest, _keyfrag_v1_ListRolesRequest__Output>
      ListRolesResponse: MessageTypeDefinition<_keyfrag_v1_ListRolesResponse, _keyfrag_v1_ListRolesResponse__Output>
      ListTargetsRequest: MessageTypeDefinition<_keyfrag_v1_ListTargetsRequest, _keyfrag_v1_ListTargetsRequest__Output>
      ListTargetsResponse: MessageTypeDefinition<_keyfrag_v1_ListTargetsResponse, _keyfrag_v1_ListTargetsResponse__Output>
      NodeInfo: MessageTypeDefinition<_keyfrag_v1_NodeInfo, _keyfrag_v1_NodeInfo__Output>
      Participant: MessageTypeDefinition<_keyfrag_v1_Participant, _keyfrag_v1_Participant__Output>
      Policy: SubtypeConstructor<typeof grpc.Client, _keyfrag_v1_PolicyClient> & { service: _keyfrag_v1_PolicyDefinition }
      Producers: SubtypeConstructor<typeof grpc.Client, _keyfrag_v1_ProducersClient> & { service: _keyfrag_v1_ProducersDefinition }
      PublicKeysRequest: MessageTypeDefinition<_keyfrag_v1_PublicKeysRequest, _keyfrag_v1_PublicKeysRequest__Output>
      PublicKeysResponse: MessageTypeDefinition<_keyfrag_v1_PublicKeysResponse, _keyfrag_v1_PublicKeysResponse__Output>
      PurgeItemRequest: MessageTypeDefinition<_keyfrag_v1_PurgeItemRequest, _keyfrag_v1_PurgeItemRequest__Output>
      PutVersionRequest: MessageTypeDefinition<_keyfrag_v1_PutVersionRequest, _keyfrag_v1_PutVersionRequest__Output>
      QueryEventsRequest: MessageTypeDefinition<_keyfrag_v1_QueryEventsRequest, _keyfrag_v1_QueryEventsRequest__Output>
      QueryEventsResponse: MessageTypeDefinition<_keyfrag_v1_QueryEventsResponse, _keyfrag_v1_QueryEventsResponse__Output>
      RedisProducer: MessageTypeDefinition<_keyfrag_v1_RedisProducer, _keyfrag_v1_RedisProducer__Output>
      RefreshKeyRequest: MessageTypeDefinition<_keyfrag_v1_RefreshKeyRequest, _keyfrag_v1_RefreshKeyRequest__Output>
      RefreshKeyResponse: MessageTypeDefinition<_keyfrag_v1_RefreshKeyResponse, _keyfrag_v1_RefreshKeyResponse__Output>
      RenewLeaseRequest: MessageTypeDefinition<_keyfrag_v1_RenewLeaseRequest, _keyfrag_v1_RenewLeaseRequest__Output>
      ReplaceCiphertextRequest: MessageTypeDefinition<_keyfrag_v1_ReplaceCiphertextRequest, _keyfrag_v1_ReplaceCiphertextRequest__Output>
      Replica: MessageTypeDefinition<_keyfrag_v1_Replica, _keyfrag_v1_Replica__Output>
      RestoreItemRequest: MessageTypeDefinition<_keyfrag_v1_RestoreItemRequest, _keyfrag_v1_RestoreItemRequest__Output>
      Revocation: MessageTypeDefinition<_keyfrag_v1_Revocation, _keyfrag_v1_Revocation__Output>
      RevokeLeaseRequest: MessageTypeDefinition<_keyfrag_v1_RevokeLeaseRequest, _keyfrag_v1_RevokeLeaseRequest__Output>
      RevokeLeasesByPrefixRequest: MessageTypeDefinition<_keyfrag_v1_RevokeLeasesByPrefixRequest, _keyfrag_v1_RevokeLeasesByPrefixRequest__Output>
      RevokeLeasesByPrefixResponse: MessageTypeDefinition<_keyfrag_v1_RevokeLeasesByPrefixResponse, _keyfrag_v1_RevokeLeasesByPrefixResponse__Output>
      RevokeTokenRequest: MessageTypeDefinition<_keyfrag_v1_RevokeTokenRequest, _keyfrag_v1_RevokeTokenRequest__Output>
      RevokeTokenResponse: MessageTypeDefinition<_keyfrag_v1_RevokeTokenResponse, _keyfrag_v1_RevokeTokenResponse__Output>
      Role: MessageTypeDefinition<_keyfrag_v1_Role, _keyfrag_v1_Role__Output>
      RolePermissions: MessageTypeDefinition<_keyfrag_v1_RolePermissions, _keyfrag_v1_RolePermissions__Output>
      RotateCustomPayloadRequest: MessageTypeDefinition<_keyfrag_v1_RotateCustomPayloadRequest, _keyfrag_v1_RotateCustomPayloadRequest__Output>
      RotateKeyRequest: MessageTypeDefinition<_keyfrag_v1_RotateKeyRequest, _keyfrag_v1_RotateKeyRequest__Output>
      RotateKeyVersionRequest: MessageTypeDefinition<_keyfrag_v1_RotateKeyVersionRequest, _keyfrag_v1_RotateKeyVersionRequest__Output>
      Rule: MessageTypeDefinition<_keyfrag_v1_Rule, _keyfrag_v1_Rule__Output>
      SealRequest: MessageTypeDefinition<_keyfrag_v1_SealRequest, _keyfrag_v1_SealRequest__Output>
      SealResponse: MessageTypeDefinition<_keyfrag_v1_SealResponse, _keyfrag_v1_SealResponse__Output>
      SealedKeySpec: MessageTypeDefinition<_keyfrag_v1_SealedKeySpec, _keyfrag_v1_SealedKeySpec__Output>
      SecretValue: MessageTypeDefinition<_keyfrag_v1_SecretValue, _keyfrag_v1_SecretValue__Output>
      Secrets: SubtypeConstructor<typeof grpc.Client, _keyfrag_v1_SecretsClient> & { service: _keyfrag_v1_SecretsDefinition }
      ServiceHealth: MessageTypeDefinition<_keyfrag_v1_ServiceHealth, _keyfrag_v1_ServiceHealth__Output>
      SetForwarderRequest: MessageTypeDefinition<_keyfrag_v1_SetForwarderRequest, _keyfrag_v1_SetForwarderRequest__Output>
      SetRoleRuleRequest: MessageTypeDefinition<_keyfrag_v1_SetRoleRuleRequest, _keyfrag_v1_SetRoleRuleRequest__Output>
      SignRequest: MessageTypeDefinition<_keyfrag_v1_SignRequest, _keyfrag_v1_SignRequest__Output>
      SignResponse: MessageTypeDefinition<_keyfrag_v1_SignResponse, _keyfrag_v1_SignResponse__Output>
      SlotPlacement: MessageTypeDefinition<_keyfrag_v1_SlotPlacement, _keyfrag_v1_SlotPlacement__Output>
      SqlProducer: MessageTypeDefinition<_keyfrag_v1_SqlProducer, _keyfrag_v1_SqlProducer__Output>
      SshProducer: MessageTypeDefinition<_keyfrag_v1_SshProducer, _keyfrag_v1_SshProducer__Output>
      StdoutForwarder: MessageTypeDefinition<_keyfrag_v1_StdoutForwarder, _keyfrag_v1_StdoutForwarder__Output>
      StoredVersion: MessageTypeDefinition<_keyfrag_v1_StoredVersion, _keyfrag_v1_StoredVersion__Output>
      StringList: MessageTypeDefinition<_keyfrag_v1_StringList, _keyfrag_v1_StringList__Output>
      Suite: EnumTypeDefinition
      SweepOrphansRequest: MessageTypeDefinition<_keyfrag_v1_SweepOrphansRequest, _keyfrag_v1_SweepOrphansRequest__Output>
      SweepOrphansResponse: MessageTypeDefinition<_keyfrag_v1_SweepOrphansResponse, _keyfrag_v1_SweepOrphansResponse__Output>
      SyslogForwarder: MessageTypeDefinition<_keyfrag_v1_SyslogForwarder, _keyfrag_v1_SyslogForwarder__Output>
      Target: MessageTypeDefinition<_keyfrag_v1_Target, _keyfrag_v1_Target__Output>
      UnsealRequest: MessageTypeDefinition<_keyfrag_v1_UnsealRequest, _keyfrag_v1_UnsealRequest__Output>
      UnsealResponse: MessageTypeDefinition<_keyfrag_v1_UnsealResponse, _keyfrag_v1_UnsealResponse__Output>
      UpdateDynamicSecretRequest: MessageTypeDefinition<_keyfrag_v1_UpdateDynamicSecretRequest, _keyfrag_v1_UpdateDynamicSecretRequest__Output>
      UpdateSecretValRequest: MessageTypeDefinition<_keyfrag_v1_UpdateSecretValRequest, _keyfrag_v1_UpdateSecretValRequest__Output>
      UpdateTargetRequest: MessageTypeDefinition<_keyfrag_v1_UpdateTargetRequest, _keyfrag_v1_UpdateTargetRequest__Output>
      VerifyChainRequest: MessageTypeDefinition<_keyfrag_v1_VerifyChainRequest, _keyfrag_v1_VerifyChainRequest__Output>
      VerifyChainResponse: MessageTypeDefinition<_keyfrag_v1_VerifyChainResponse, _keyfrag_v1_VerifyChainResponse__Output>
      VerifyRequest: MessageTypeDefinition<_keyfrag_v1_VerifyRequest, _keyfrag_v1_VerifyRequest__Output>
      VerifyResponse: MessageTypeDefinition<_keyfrag_v1_VerifyResponse, _keyfrag_v1_VerifyResponse__Output>
      VersionInfo: MessageTypeDefinition<_keyfrag_v1_VersionInfo, _keyfrag_v1_VersionInfo__Output>
      VersionedPublicKey: MessageTypeDefinition<_keyfrag_v1_VersionedPublicKey, _keyfrag_v1_VersionedPublicKey__Output>
    }
  }
}

