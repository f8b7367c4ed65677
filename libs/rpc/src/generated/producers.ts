import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { ClientInfo as _keyfrag_v1_ClientInfo, ClientInfo__Output as _keyfrag_v1_ClientInfo__Output } from './keyfrag/v1/ClientInfo.js';
import type { CreateDynamicSecretRequest as _keyfrag_v1_CreateDynamicSecretRequest, CreateDynamicSecretRequest__Output as _keyfrag_v1_CreateDynamicSecretRequest__Output } from './keyfrag/v1/CreateDynamicSecretRequest.js';
import type { CreateTargetRequest as _keyfrag_v1_CreateTargetRequest, CreateTargetRequest__Output as _keyfrag_v1_CreateTargetRequest__Output } from './keyfrag/v1/CreateTargetRequest.js';
import type { CustomProducer as _keyfrag_v1_CustomProducer, CustomProducer__Output as _keyfrag_v1_CustomProducer__Output } from './keyfrag/v1/CustomProducer.js';
import type { DeleteDynamicSecretRequest as _keyfrag_v1_DeleteDynamicSecretRequest, DeleteDynamicSecretRequest__Output as _keyfrag_v1_DeleteDynamicSecretRequest__Output } from './keyfrag/v1/DeleteDynamicSecretRequest.js';
import type { DeleteTargetRequest as _keyfrag_v1_DeleteTargetRequest, DeleteTargetRequest__Output as _keyfrag_v1_DeleteTargetRequest__Output } from './keyfrag/v1/DeleteTargetRequest.js';
import type { DynamicSecret as _keyfrag_v1_DynamicSecret, DynamicSecret__Output as _keyfrag_v1_DynamicSecret__Output } from './keyfrag/v1/DynamicSecret.js';
import type { ForgetLeaseRequest as _keyfrag_v1_ForgetLeaseRequest, ForgetLeaseRequest__Output as _keyfrag_v1_ForgetLeaseRequest__Output } from './keyfrag/v1/ForgetLeaseRequest.js';
import type { GatewayInternalClient as _keyfrag_v1_GatewayInternalClient, GatewayInternalDefinition as _keyfrag_v1_GatewayInternalDefinition } from './keyfrag/v1/GatewayInternal.js';
import type { GetDynamicSecretRequest as _keyfrag_v1_GetDynamicSecretRequest, GetDynamicSecretRequest__Output as _keyfrag_v1_GetDynamicSecretRequest__Output } from './keyfrag/v1/GetDynamicSecretRequest.js';
import type { GetDynamicSecretValueRequest as _keyfrag_v1_GetDynamicSecretValueRequest, GetDynamicSecretValueRequest__Output as _keyfrag_v1_GetDynamicSecretValueRequest__Output } from './keyfrag/v1/GetDynamicSecretValueRequest.js';
import type { GetDynamicSecretValueResponse as _keyfrag_v1_GetDynamicSecretValueResponse, GetDynamicSecretValueResponse__Output as _keyfrag_v1_GetDynamicSecretValueResponse__Output } from './keyfrag/v1/GetDynamicSecretValueResponse.js';
import type { GetLeaseRequest as _keyfrag_v1_GetLeaseRequest, GetLeaseRequest__Output as _keyfrag_v1_GetLeaseRequest__Output } from './keyfrag/v1/GetLeaseRequest.js';
import type { GetSshCertificateRequest as _keyfrag_v1_GetSshCertificateRequest, GetSshCertificateRequest__Output as _keyfrag_v1_GetSshCertificateRequest__Output } from './keyfrag/v1/GetSshCertificateRequest.js';
import type { GetSshCertificateResponse as _keyfrag_v1_GetSshCertificateResponse, GetSshCertificateResponse__Output as _keyfrag_v1_GetSshCertificateResponse__Output } from './keyfrag/v1/GetSshCertificateResponse.js';
import type { GetTargetRequest as _keyfrag_v1_GetTargetRequest, GetTargetRequest__Output as _keyfrag_v1_GetTargetRequest__Output } from './keyfrag/v1/GetTargetRequest.js';
import type { Identity as _keyfrag_v1_Identity, Identity__Output as _keyfrag_v1_Identity__Output } from './keyfrag/v1/Identity.js';
import type { InternalSignRequest as _keyfrag_v1_InternalSignRequest, InternalSignRequest__Output as _keyfrag_v1_InternalSignRequest__Output } from './keyfrag/v1/InternalSignRequest.js';
import type { InternalSignResponse as _keyfrag_v1_InternalSignResponse, InternalSignResponse__Output as _keyfrag_v1_InternalSignResponse__Output } from './keyfrag/v1/InternalSignResponse.js';
import type { JwtProducer as _keyfrag_v1_JwtProducer, JwtProducer__Output as _keyfrag_v1_JwtProducer__Output } from './keyfrag/v1/JwtProducer.js';
import type { KeyPublicData as _keyfrag_v1_KeyPublicData, KeyPublicData__Output as _keyfrag_v1_KeyPublicData__Output } from './keyfrag/v1/KeyPublicData.js';
import type { KeyRef as _keyfrag_v1_KeyRef, KeyRef__Output as _keyfrag_v1_KeyRef__Output } from './keyfrag/v1/KeyRef.js';
import type { Lease as _keyfrag_v1_Lease, Lease__Output as _keyfrag_v1_Lease__Output } from './keyfrag/v1/Lease.js';
import type { ListDynamicSecretsRequest as _keyfrag_v1_ListDynamicSecretsRequest, ListDynamicSecretsRequest__Output as _keyfrag_v1_ListDynamicSecretsRequest__Output } from './keyfrag/v1/ListDynamicSecretsRequest.js';
import type { ListDynamicSecretsResponse as _keyfrag_v1_ListDynamicSecretsResponse, ListDynamicSecretsResponse__Output as _keyfrag_v1_ListDynamicSecretsResponse__Output } from './keyfrag/v1/ListDynamicSecretsResponse.js';
import type { ListLeasesRequest as _keyfrag_v1_ListLeasesRequest, ListLeasesRequest__Output as _keyfrag_v1_ListLeasesRequest__Output } from './keyfrag/v1/ListLeasesRequest.js';
import type { ListLeasesResponse as _keyfrag_v1_ListLeasesResponse, ListLeasesResponse__Output as _keyfrag_v1_ListLeasesResponse__Output } from './keyfrag/v1/ListLeasesResponse.js';
import type { ListTargetsRequest as _keyfrag_v1_ListTargetsRequest, ListTargetsRequest__Output as _keyfrag_v1_ListTargetsRequest__Output } from './keyfrag/v1/ListTargetsRequest.js';
import type { ListTargetsResponse as _keyfrag_v1_ListTargetsResponse, ListTargetsResponse__Output as _keyfrag_v1_ListTargetsResponse__Output } from './keyfrag/v1/ListTargetsResponse.js';
import type { Participant as _keyfrag_v1_Participant, Participant__Output as _keyfrag_v1_Participant__Output } from './keyfrag/v1/Participant.js';
import type { ProducersClient as _keyfrag_v1_ProducersClient, ProducersDefinition as _keyfrag_v1_ProducersDefinition } from './keyfrag/v1/Producers.js';
import type { PublicKeysRequest as _keyfrag_v1_PublicKeysRequest, PublicKeysRequest__Output as _keyfrag_v1_PublicKeysRequest__Output } from './keyfrag/v1/PublicKeysRequest.js';
import type { PublicKeysResponse as _keyfrag_v1_PublicKeysResponse, PublicKeysResponse__Output as _keyfrag_v1_PublicKeysResponse__Output } from './keyfrag/v1/PublicKeysResponse.js';
import type { RedisProducer as _keyfrag_v1_RedisProducer, RedisProducer__Output as _keyfrag_v1_RedisProducer__Output } from './keyfrag/v1/RedisProducer.js';
import type { RenewLeaseRequest as _keyfrag_v1_RenewLeaseRequest, RenewLeaseRequest__Output as _keyfrag_v1_RenewLeaseRequest__Output } from './keyfrag/v1/RenewLeaseRequest.js';
import type { RevokeLeaseRequest as _keyfrag_v1_RevokeLeaseRequest, RevokeLeaseRequest__Output as _keyfrag_v1_RevokeLeaseRequest__Output } from './keyfrag/v1/RevokeLeaseRequest.js';
import type { RevokeLeasesByPrefixRequest as _keyfrag_v1_RevokeLeasesByPrefixRequest, RevokeLeasesByPrefixRequest__Output as _keyfrag_v1_RevokeLeasesByPrefixRequest__Output } from './keyfrag/v1/RevokeLeasesByPrefixRequest.js';
import type { RevokeLeasesByPrefixResponse as _keyfrag_v1_RevokeLeasesByPrefixResponse, RevokeLeasesByPrefixResponse__Output as _keyfrag_v1_RevokeLeasesByPrefixResponse__Output } from './keyfrag/v1/RevokeLeasesByPrefixResponse.js';
import type { RotateCustomPayloadRequest as _keyfrag_v1_RotateCustomPayloadRequest, RotateCustomPayloadRequest__Output as _keyfrag_v1_RotateCustomPayloadRequest__Output } from './keyfrag/v1/RotateCustomPayloadRequest.js';
import type { SealRequest as _keyfrag_v1_SealRequest, SealRequest__Output as _keyfrag_v1_SealRequest__Output } from './keyfrag/v1/SealRequest.js';
import type { SealResponse as _keyfrag_v1_SealResponse, SealResponse__Output as _keyfrag_v1_SealResponse__Output } from './keyfrag/v1/SealResponse.js';
import type { SqlProducer as _keyfrag_v1_SqlProducer, SqlProducer__Output as _keyfrag_v1_SqlProducer__Output } from './keyfrag/v1/SqlProducer.js';
import type { SshProducer as _keyfrag_v1_SshProducer, SshProducer__Output as _keyfrag_v1_SshProducer__Output } from './keyfrag/v1/SshProducer.js';
import type { StringList as _keyfrag_v1_StringList, StringList__Output as _keyfrag_v1_StringList__Output } from './keyfrag/v1/StringList.js';
import type { SweepOrphansRequest as _keyfrag_v1_SweepOrphansRequest, SweepOrphansRequest__Output as _keyfrag_v1_SweepOrphansRequest__Output } from './keyfrag/v1/SweepOrphansRequest.js';
import type { SweepOrphansResponse as _keyfrag_v1_SweepOrphansResponse, SweepOrphansResponse__Output as _keyfrag_v1_SweepOrphansResponse__Output } from './keyfrag/v1/SweepOrphansResponse.js';
import type { Target as _keyfrag_v1_Target, Target__Output as _keyfrag_v1_Target__Output } from './keyfrag/v1/Target.js';
import type { UnsealRequest as _keyfrag_v1_UnsealRequest, UnsealRequest__Output as _keyfrag_v1_UnsealRequest__Output } from './keyfrag/v1/UnsealRequest.js';
import type { UnsealResponse as _keyfrag_v1_UnsealResponse, UnsealResponse__Output as _keyfrag_v1_UnsealResponse__Output } from './keyfrag/v1/UnsealResponse.js';
import type { UpdateDynamicSecretRequest as _keyfrag_v1_UpdateDynamicSecretRequest, UpdateDynamicSecretRequest__Output as _keyfrag_v1_UpdateDynamicSecretRequest__Output } from './keyfrag/v1/UpdateDynamicSecretRequest.js';
import type { UpdateTargetRequest as _keyfrag_v1_UpdateTargetRequest, UpdateTargetRequest__Output as _keyfrag_v1_UpdateTargetRequest__Output } from './keyfrag/v1/UpdateTargetRequest.js';
import type { VersionedPublicKey as _keyfrag_v1_VersionedPublicKey, VersionedPublicKey__Output as _keyfrag_v1_VersionedPublicKey__Output } from './keyfrag/v1/VersionedPublicKey.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  keyfrag: {
    v1: {
      ClientInfo: MessageTypeDefinition<_keyfrag_v1_ClientInfo, _keyfrag_v1_ClientInfo__Output>
      CreateDynamicSecretRequest: MessageTypeDefinition<_keyfrag_v1_CreateDynamicSecretRequest, _keyfrag_v1_CreateDynamicSecretRequest__Output>
      CreateTargetRequest: MessageTypeDefinition<_keyfrag_v1_CreateTargetRequest, _keyfrag_v1_CreateTargetRequest__Output>
      CustomProducer: MessageTypeDefinition<_keyfrag_v1_CustomProducer, _keyfrag_v1_CustomProducer__Output>
      DeleteDynamicSecretRequest: MessageTypeDefinition<_keyfrag_v1_DeleteDynamicSecretRequest, _keyfrag_v1_DeleteDynamicSecretRequest__Output>
      DeleteTargetRequest: MessageTypeDefinition<_keyfrag_v1_DeleteTargetRequest, _keyfrag_v1_DeleteTargetRequest__Output>
      DynamicSecret: MessageTypeDefinition<_keyfrag_v1_DynamicSecret, _keyfrag_v1_DynamicSecret__Output>
      ForgetLeaseRequest: MessageTypeDefinition<_keyfrag_v1_ForgetLeaseRequest, _keyfrag_v1_ForgetLeaseRequest__Output>
      GatewayInternal: SubtypeConstructor<typeof grpc.Client, _keyfrag_v1_GatewayInternalClient> & { service: _keyfrag_v1_GatewayInternalDefinition }
      GetDynamicSecretRequest: MessageTypeDefinition<_keyfrag_v1_GetDynamicSecretRequest, _keyfrag_v1_GetDynamicSecretRequest__Output>
      GetDynamicSecretValueRequest: MessageTypeDefinition<_keyfrag_v1_GetDynamicSecretValueRequest, _keyfrag_v1_GetDynamicSecretValueRequest__Output>
      GetDynamicSecretValueResponse: MessageTypeDefinition<_keyfrag_v1_GetDynamicSecretValueResponse, _keyfrag_v1_GetDynamicSecretValueResponse__Output>
      GetLeaseRequest: MessageTypeDefinition<_keyfrag_v1_GetLeaseRequest, _keyfrag_v1_GetLeaseRequest__Output>
      GetSshCertificateRequest: MessageTypeDefinition<_keyfrag_v1_GetSshCertificateRequest, _keyfrag_v1_GetSshCertificateRequest__Output>
      GetSshCertificateResponse: MessageTypeDefinition<_keyfrag_v1_GetSshCertificateResponse, _keyfrag_v1_GetSshCertificateResponse__Output>
      GetTargetRequest: MessageTypeDefinition<_keyfrag_v1_GetTargetRequest, _keyfrag_v1_GetTargetRequest__Output>
      Identity: MessageTypeDefinition<_keyfrag_v1_Identity, _keyfrag_v1_Identity__Output>
      InternalSignRequest: MessageTypeDefinition<_keyfrag_v1_InternalSignRequest, _keyfrag_v1_InternalSignRequest__Output>
      InternalSignResponse: MessageTypeDefinition<_keyfrag_v1_InternalSignResponse, _keyfrag_v1_InternalSignResponse__Output>
      JwtProducer: MessageTypeDefinition<_keyfrag_v1_JwtProducer, _keyfrag_v1_JwtProducer__Output>
      KeyPublicData: MessageTypeDefinition<_keyfrag_v1_KeyPublicData, _keyfrag_v1_KeyPublicData__Output>
      KeyRef: MessageTypeDefinition<_keyfrag_v1_KeyRef, _keyfrag_v1_KeyRef__Output>
      Lease: MessageTypeDefinition<_keyfrag_v1_Lease, _keyfrag_v1_Lease__Output>
      ListDynamicSecretsRequest: MessageTypeDefinition<_keyfrag_v1_ListDynamicSecretsRequest, _keyfrag_v1_ListDynamicSecretsRequest__Output>
      ListDynamicSecretsResponse: MessageTypeDefinition<_keyfrag_v1_ListDynamicSecretsResponse, _keyfrag_v1_ListDynamicSecretsResponse__Output>
      ListLeasesRequest: MessageTypeDefinition<_keyfrag_v1_ListLeasesRequest, _keyfrag_v1_ListLeasesRequest__Output>
      ListLeasesResponse: MessageTypeDefinition<_keyfrag_v1_ListLeasesResponse, _keyfrag_v1_ListLeasesResponse__Output>
      ListTargetsRequest: MessageTypeDefinition<_keyfrag_v1_ListTargetsRequest, _keyfrag_v1_ListTargetsRequest__Output>
      ListTargetsResponse: MessageTypeDefinition<_keyfrag_v1_ListTargetsResponse, _keyfrag_v1_ListTargetsResponse__Output>
      Participant: MessageTypeDefinition<_keyfrag_v1_Participant, _keyfrag_v1_Participant__Output>
      Producers: SubtypeConstructor<typeof grpc.Client, _keyfrag_v1_ProducersClient> & { service: _keyfrag_v1_ProducersDefinition }
      PublicKeysRequest: MessageTypeDefinition<_keyfrag_v1_PublicKeysRequest, _keyfrag_v1_PublicKeysRequest__Output>
      PublicKeysResponse: MessageTypeDefinition<_keyfrag_v1_PublicKeysResponse, _keyfrag_v1_PublicKeysResponse__Output>
      RedisProducer: MessageTypeDefinition<_keyfrag_v1_RedisProducer, _keyfrag_v1_RedisProducer__Output>
      RenewLeaseRequest: MessageTypeDefinition<_keyfrag_v1_RenewLeaseRequest, _keyfrag_v1_RenewLeaseRequest__Output>
      RevokeLeaseRequest: MessageTypeDefinition<_keyfrag_v1_RevokeLeaseRequest, _keyfrag_v1_RevokeLeaseRequest__Output>
      RevokeLeasesByPrefixRequest: MessageTypeDefinition<_keyfrag_v1_RevokeLeasesByPrefixRequest, _keyfrag_v1_RevokeLeasesByPrefixRequest__Output>
      RevokeLeasesByPrefixResponse: MessageTypeDefinition<_keyfrag_v1_RevokeLeasesByPrefixResponse, _keyfrag_v1_RevokeLeasesByPrefixResponse__Output>
      RotateCustomPayloadRequest: MessageTypeDefinition<_keyfrag_v1_RotateCustomPayloadRequest, _keyfrag_v1_RotateCustomPayloadRequest__Output>
      SealRequest: MessageTypeDefinition<_keyfrag_v1_SealRequest, _keyfrag_v1_SealRequest__Output>
      SealResponse: MessageTypeDefinition<_keyfrag_v1_SealResponse, _keyfrag_v1_SealResponse__Output>
      SqlProducer: MessageTypeDefinition<_keyfrag_v1_SqlProducer, _keyfrag_v1_SqlProducer__Output>
      SshProducer: MessageTypeDefinition<_keyfrag_v1_SshProducer, _keyfrag_v1_SshProducer__Output>
      StringList: MessageTypeDefinition<_keyfrag_v1_StringList, _keyfrag_v1_StringList__Output>
      Suite: EnumTypeDefinition
      SweepOrphansRequest: MessageTypeDefinition<_keyfrag_v1_SweepOrphansRequest, _keyfrag_v1_SweepOrphansRequest__Output>
      SweepOrphansResponse: MessageTypeDefinition<_keyfrag_v1_SweepOrphansResponse, _keyfrag_v1_SweepOrphansResponse__Output>
      Target: MessageTypeDefinition<_keyfrag_v1_Target, _keyfrag_v1_Target__Output>
      UnsealRequest: MessageTypeDefinition<_keyfrag_v1_UnsealRequest, _keyfrag_v1_UnsealRequest__Output>
      UnsealResponse: MessageTypeDefinition<_keyfrag_v1_UnsealResponse, _keyfrag_v1_UnsealResponse__Output>
      UpdateDynamicSecretRequest: MessageTypeDefinition<_keyfrag_v1_UpdateDynamicSecretRequest, _keyfrag_v1_UpdateDynamicSecretRequest__Output>
      UpdateTargetRequest: MessageTypeDefinition<_keyfrag_v1_UpdateTargetRequest, _keyfrag_v1_UpdateTargetRequest__Output>
      VersionedPublicKey: MessageTypeDefinition<_keyfrag_v1_VersionedPublicKey, _keyfrag_v1_VersionedPublicKey__Output>
    }
  }
}

