import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { AccessKeyMethod as _keyfrag_v1_AccessKeyMethod, AccessKeyMethod__Output as _keyfrag_v1_AccessKeyMethod__Output } from './keyfrag/v1/AccessKeyMethod.js';
import type { AuthClient as _keyfrag_v1_AuthClient, AuthDefinition as _keyfrag_v1_AuthDefinition } from './keyfrag/v1/Auth.js';
import type { AuthMethod as _keyfrag_v1_AuthMethod, AuthMethod__Output as _keyfrag_v1_AuthMethod__Output } from './keyfrag/v1/AuthMethod.js';
import type { AuthenticateRequest as _keyfrag_v1_AuthenticateRequest, AuthenticateRequest__Output as _keyfrag_v1_AuthenticateRequest__Output } from './keyfrag/v1/AuthenticateRequest.js';
import type { AuthenticateResponse as _keyfrag_v1_AuthenticateResponse, AuthenticateResponse__Output as _keyfrag_v1_AuthenticateResponse__Output } from './keyfrag/v1/AuthenticateResponse.js';
import type { CertificateMethod as _keyfrag_v1_CertificateMethod, CertificateMethod__Output as _keyfrag_v1_CertificateMethod__Output } from './keyfrag/v1/CertificateMethod.js';
import type { CreateAuthMethodRequest as _keyfrag_v1_CreateAuthMethodRequest, CreateAuthMethodRequest__Output as _keyfrag_v1_CreateAuthMethodRequest__Output } from './keyfrag/v1/CreateAuthMethodRequest.js';
import type { CreateAuthMethodResponse as _keyfrag_v1_CreateAuthMethodResponse, CreateAuthMethodResponse__Output as _keyfrag_v1_CreateAuthMethodResponse__Output } from './keyfrag/v1/CreateAuthMethodResponse.js';
import type { DeleteAuthMethodRequest as _keyfrag_v1_DeleteAuthMethodRequest, DeleteAuthMethodRequest__Output as _keyfrag_v1_DeleteAuthMethodRequest__Output } from './keyfrag/v1/DeleteAuthMethodRequest.js';
import type { DeleteAuthMethodResponse as _keyfrag_v1_DeleteAuthMethodResponse, DeleteAuthMethodResponse__Output as _keyfrag_v1_DeleteAuthMethodResponse__Output } from './keyfrag/v1/DeleteAuthMethodResponse.js';
import type { GetAuthMethodRequest as _keyfrag_v1_GetAuthMethodRequest, GetAuthMethodRequest__Output as _keyfrag_v1_GetAuthMethodRequest__Output } from './keyfrag/v1/GetAuthMethodRequest.js';
import type { GetTokenKeysRequest as _keyfrag_v1_GetTokenKeysRequest, GetTokenKeysRequest__Output as _keyfrag_v1_GetTokenKeysRequest__Output } from './keyfrag/v1/GetTokenKeysRequest.js';
import type { GetTokenKeysResponse as _keyfrag_v1_GetTokenKeysResponse, GetTokenKeysResponse__Output as _keyfrag_v1_GetTokenKeysResponse__Output } from './keyfrag/v1/GetTokenKeysResponse.js';
import type { Identity as _keyfrag_v1_Identity, Identity__Output as _keyfrag_v1_Identity__Output } from './keyfrag/v1/Identity.js';
import type { JwtMethod as _keyfrag_v1_JwtMethod, JwtMethod__Output as _keyfrag_v1_JwtMethod__Output } from './keyfrag/v1/JwtMethod.js';
import type { KeyPublicData as _keyfrag_v1_KeyPublicData, KeyPublicData__Output as _keyfrag_v1_KeyPublicData__Output } from './keyfrag/v1/KeyPublicData.js';
import type { KeyRef as _keyfrag_v1_KeyRef, KeyRef__Output as _keyfrag_v1_KeyRef__Output } from './keyfrag/v1/KeyRef.js';
import type { KubernetesMethod as _keyfrag_v1_KubernetesMethod, KubernetesMethod__Output as _keyfrag_v1_KubernetesMethod__Output } from './keyfrag/v1/KubernetesMethod.js';
import type { ListAuthMethodsRequest as _keyfrag_v1_ListAuthMethodsRequest, ListAuthMethodsRequest__Output as _keyfrag_v1_ListAuthMethodsRequest__Output } from './keyfrag/v1/ListAuthMethodsRequest.js';
import type { ListAuthMethodsResponse as _keyfrag_v1_ListAuthMethodsResponse, ListAuthMethodsResponse__Output as _keyfrag_v1_ListAuthMethodsResponse__Output } from './keyfrag/v1/ListAuthMethodsResponse.js';
import type { ListRevocationsRequest as _keyfrag_v1_ListRevocationsRequest, ListRevocationsRequest__Output as _keyfrag_v1_ListRevocationsRequest__Output } from './keyfrag/v1/ListRevocationsRequest.js';
import type { ListRevocationsResponse as _keyfrag_v1_ListRevocationsResponse, ListRevocationsResponse__Output as _keyfrag_v1_ListRevocationsResponse__Output } from './keyfrag/v1/ListRevocationsResponse.js';
import type { Participant as _keyfrag_v1_Participant, Participant__Output as _keyfrag_v1_Participant__Output } from './keyfrag/v1/Participant.js';
import type { Revocation as _keyfrag_v1_Revocation, Revocation__Output as _keyfrag_v1_Revocation__Output } from './keyfrag/v1/Revocation.js';
import type { RevokeTokenRequest as _keyfrag_v1_RevokeTokenRequest, RevokeTokenRequest__Output as _keyfrag_v1_RevokeTokenRequest__Output } from './keyfrag/v1/RevokeTokenRequest.js';
import type { RevokeTokenResponse as _keyfrag_v1_RevokeTokenResponse, RevokeTokenResponse__Output as _keyfrag_v1_RevokeTokenResponse__Output } from './keyfrag/v1/RevokeTokenResponse.js';
import type { StringList as _keyfrag_v1_StringList, StringList__Output as _keyfrag_v1_StringList__Output } from './keyfrag/v1/StringList.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  keyfrag: {
    v1: {
      AccessKeyMethod: MessageTypeDefinition<_keyfrag_v1_AccessKeyMethod, _keyfrag_v1_AccessKeyMethod__Output>
      Auth: SubtypeConstructor<typeof grpc.Client, _keyfrag_v1_AuthClient> & { service: _keyfrag_v1_AuthDefinition }
      AuthMethod: MessageTypeDefinition<_keyfrag_v1_AuthMethod, _keyfrag_v1_AuthMethod__Output>
      AuthenticateRequest: MessageTypeDefinition<_keyfrag_v1_AuthenticateRequest, _keyfrag_v1_AuthenticateRequest__Output>
      AuthenticateResponse: MessageTypeDefinition<_keyfrag_v1_AuthenticateResponse, _keyfrag_v1_AuthenticateResponse__Output>
      CertificateMethod: MessageTypeDefinition<_keyfrag_v1_CertificateMethod, _keyfrag_v1_CertificateMethod__Output>
      CreateAuthMethodRequest: MessageTypeDefinition<_keyfrag_v1_CreateAuthMethodRequest, _keyfrag_v1_CreateAuthMethodRequest__Output>
      CreateAuthMethodResponse: MessageTypeDefinition<_keyfrag_v1_CreateAuthMethodResponse, _keyfrag_v1_CreateAuthMethodResponse__Output>
      DeleteAuthMethodRequest: MessageTypeDefinition<_keyfrag_v1_DeleteAuthMethodRequest, _keyfrag_v1_DeleteAuthMethodRequest__Output>
      DeleteAuthMethodResponse: MessageTypeDefinition<_keyfrag_v1_DeleteAuthMethodResponse, _keyfrag_v1_DeleteAuthMethodResponse__Output>
      GetAuthMethodRequest: MessageTypeDefinition<_keyfrag_v1_GetAuthMethodRequest, _keyfrag_v1_GetAuthMethodRequest__Output>
      GetTokenKeysRequest: MessageTypeDefinition<_keyfrag_v1_GetTokenKeysRequest, _keyfrag_v1_GetTokenKeysRequest__Output>
      GetTokenKeysResponse: MessageTypeDefinition<_keyfrag_v1_GetTokenKeysResponse, _keyfrag_v1_GetTokenKeysResponse__Output>
      Identity: MessageTypeDefinition<_keyfrag_v1_Identity, _keyfrag_v1_Identity__Output>
      JwtMethod: MessageTypeDefinition<_keyfrag_v1_JwtMethod, _keyfrag_v1_JwtMethod__Output>
      KeyPublicData: MessageTypeDefinition<_keyfrag_v1_KeyPublicData, _keyfrag_v1_KeyPublicData__Output>
      KeyRef: MessageTypeDefinition<_keyfrag_v1_KeyRef, _keyfrag_v1_KeyRef__Output>
      KubernetesMethod: MessageTypeDefinition<_keyfrag_v1_KubernetesMethod, _keyfrag_v1_KubernetesMethod__Output>
      ListAuthMethodsRequest: MessageTypeDefinition<_keyfrag_v1_ListAuthMethodsRequest, _keyfrag_v1_ListAuthMethodsRequest__Output>
      ListAuthMethodsResponse: MessageTypeDefinition<_keyfrag_v1_ListAuthMethodsResponse, _keyfrag_v1_ListAuthMethodsResponse__Output>
      ListRevocationsRequest: MessageTypeDefinition<_keyfrag_v1_ListRevocationsRequest, _keyfrag_v1_ListRevocationsRequest__Output>
      ListRevocationsResponse: MessageTypeDefinition<_keyfrag_v1_ListRevocationsResponse, _keyfrag_v1_ListRevocationsResponse__Output>
      Participant: MessageTypeDefinition<_keyfrag_v1_Participant, _keyfrag_v1_Participant__Output>
      Revocation: MessageTypeDefinition<_keyfrag_v1_Revocation, _keyfrag_v1_Revocation__Output>
      RevokeTokenRequest: MessageTypeDefinition<_keyfrag_v1_RevokeTokenRequest, _keyfrag_v1_RevokeTokenRequest__Output>
      RevokeTokenResponse: MessageTypeDefinition<_keyfrag_v1_RevokeTokenResponse, _keyfrag_v1_RevokeTokenResponse__Output>
      StringList: MessageTypeDefinition<_keyfrag_v1_StringList, _keyfrag_v1_StringList__Output>
      Suite: EnumTypeDefinition
    }
  }
}

