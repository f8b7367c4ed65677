import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { AssocRoleAuthMethodRequest as _keyfrag_v1_AssocRoleAuthMethodRequest, AssocRoleAuthMethodRequest__Output as _keyfrag_v1_AssocRoleAuthMethodRequest__Output } from './keyfrag/v1/AssocRoleAuthMethodRequest.js';
import type { Association as _keyfrag_v1_Association, Association__Output as _keyfrag_v1_Association__Output } from './keyfrag/v1/Association.js';
import type { AuthorizeRequest as _keyfrag_v1_AuthorizeRequest, AuthorizeRequest__Output as _keyfrag_v1_AuthorizeRequest__Output } from './keyfrag/v1/AuthorizeRequest.js';
import type { AuthorizeResponse as _keyfrag_v1_AuthorizeResponse, AuthorizeResponse__Output as _keyfrag_v1_AuthorizeResponse__Output } from './keyfrag/v1/AuthorizeResponse.js';
import type { CreateRoleRequest as _keyfrag_v1_CreateRoleRequest, CreateRoleRequest__Output as _keyfrag_v1_CreateRoleRequest__Output } from './keyfrag/v1/CreateRoleRequest.js';
import type { DeleteAssociationRequest as _keyfrag_v1_DeleteAssociationRequest, DeleteAssociationRequest__Output as _keyfrag_v1_DeleteAssociationRequest__Output } from './keyfrag/v1/DeleteAssociationRequest.js';
import type { DeleteAssociationResponse as _keyfrag_v1_DeleteAssociationResponse, DeleteAssociationResponse__Output as _keyfrag_v1_DeleteAssociationResponse__Output } from './keyfrag/v1/DeleteAssociationResponse.js';
import type { DeleteRoleRequest as _keyfrag_v1_DeleteRoleRequest, DeleteRoleRequest__Output as _keyfrag_v1_DeleteRoleRequest__Output } from './keyfrag/v1/DeleteRoleRequest.js';
import type { DeleteRoleResponse as _keyfrag_v1_DeleteRoleResponse, DeleteRoleResponse__Output as _keyfrag_v1_DeleteRoleResponse__Output } from './keyfrag/v1/DeleteRoleResponse.js';
import type { DeleteRoleRuleRequest as _keyfrag_v1_DeleteRoleRuleRequest, DeleteRoleRuleRequest__Output as _keyfrag_v1_DeleteRoleRuleRequest__Output } from './keyfrag/v1/DeleteRoleRuleRequest.js';
import type { DescribePermissionsRequest as _keyfrag_v1_DescribePermissionsRequest, DescribePermissionsRequest__Output as _keyfrag_v1_DescribePermissionsRequest__Output } from './keyfrag/v1/DescribePermissionsRequest.js';
import type { DescribePermissionsResponse as _keyfrag_v1_DescribePermissionsResponse, DescribePermissionsResponse__Output as _keyfrag_v1_DescribePermissionsResponse__Output } from './keyfrag/v1/DescribePermissionsResponse.js';
import type { GetRoleRequest as _keyfrag_v1_GetRoleRequest, GetRoleRequest__Output as _keyfrag_v1_GetRoleRequest__Output } from './keyfrag/v1/GetRoleRequest.js';
import type { Identity as _keyfrag_v1_Identity, Identity__Output as _keyfrag_v1_Identity__Output } from './keyfrag/v1/Identity.js';
import type { KeyPublicData as _keyfrag_v1_KeyPublicData, KeyPublicData__Output as _keyfrag_v1_KeyPublicData__Output } from './keyfrag/v1/KeyPublicData.js';
import type { KeyRef as _keyfrag_v1_KeyRef, KeyRef__Output as _keyfrag_v1_KeyRef__Output } from './keyfrag/v1/KeyRef.js';
import type { ListAssociationsRequest as _keyfrag_v1_ListAssociationsRequest, ListAssociationsRequest__Output as _keyfrag_v1_ListAssociationsRequest__Output } from './keyfrag/v1/ListAssociationsRequest.js';
import type { ListAssociationsResponse as _keyfrag_v1_ListAssociationsResponse, ListAssociationsResponse__Output as _keyfrag_v1_ListAssociationsResponse__Output } from './keyfrag/v1/ListAssociationsResponse.js';
import type { ListRolesRequest as _keyfrag_v1_ListRolesRequest, ListRolesRequest__Output as _keyfrag_v1_ListRolesRequest__Output } from './keyfrag/v1/ListRolesRequest.js';
import type { ListRolesResponse as _keyfrag_v1_ListRolesResponse, ListRolesResponse__Output as _keyfrag_v1_ListRolesResponse__Output } from './keyfrag/v1/ListRolesResponse.js';
import type { Participant as _keyfrag_v1_Participant, Participant__Output as _keyfrag_v1_Participant__Output } from './keyfrag/v1/Participant.js';
import type { PolicyClient as _keyfrag_v1_PolicyClient, PolicyDefinition as _keyfrag_v1_PolicyDefinition } from './keyfrag/v1/Policy.js';
import type { Role as _keyfrag_v1_Role, Role__Output as _keyfrag_v1_Role__Output } from './keyfrag/v1/Role.js';
import type { RolePermissions as _keyfrag_v1_RolePermissions, RolePermissions__Output as _keyfrag_v1_RolePermissions__Output } from './keyfrag/v1/RolePermissions.js';
import type { Rule as _keyfrag_v1_Rule, Rule__Output as _keyfrag_v1_Rule__Output } from './keyfrag/v1/Rule.js';
import type { SetRoleRuleRequest as _keyfrag_v1_SetRoleRuleRequest, SetRoleRuleRequest__Output as _keyfrag_v1_SetRoleRuleRequest__Output } from './keyfrag/v1/SetRoleRuleRequest.js';
import type { StringList as _keyfrag_v1_StringList, StringList__Output as _keyfrag_v1_StringList__Output } from './keyfrag/v1/StringList.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  keyfrag: {
    v1: {
      AssocRoleAuthMethodRequest: MessageTypeDefinition<_keyfrag_v1_AssocRoleAuthMethodRequest, _keyfrag_v1_AssocRoleAuthMethodRequest__Output>
      Association: MessageTypeDefinition<_keyfrag_v1_Association, _keyfrag_v1_Association__Output>
      AuthorizeRequest: MessageTypeDefinition<_keyfrag_v1_AuthorizeRequest, _keyfrag_v1_AuthorizeRequest__Output>
      AuthorizeResponse: MessageTypeDefinition<_keyfrag_v1_AuthorizeResponse, _keyfrag_v1_AuthorizeResponse__Output>
      CreateRoleRequest: MessageTypeDefinition<_keyfrag_v1_CreateRoleRequest, _keyfrag_v1_CreateRoleRequest__Output>
      DeleteAssociationRequest: MessageTypeDefinition<_keyfrag_v1_DeleteAssociationRequest, _keyfrag_v1_DeleteAssociationRequest__Output>
      DeleteAssociationResponse: MessageTypeDefinition<_keyfrag_v1_DeleteAssociationResponse, _keyfrag_v1_DeleteAssociationResponse__Output>
      DeleteRoleRequest: MessageTypeDefinition<_keyfrag_v1_DeleteRoleRequest, _keyfrag_v1_DeleteRoleRequest__Output>
      DeleteRoleResponse: MessageTypeDefinition<_keyfrag_v1_DeleteRoleResponse, _keyfrag_v1_DeleteRoleResponse__Output>
      DeleteRoleRuleRequest: MessageTypeDefinition<_keyfrag_v1_DeleteRoleRuleRequest, _keyfrag_v1_DeleteRoleRuleRequest__Output>
      DescribePermissionsRequest: MessageTypeDefinition<_keyfrag_v1_DescribePermissionsRequest, _keyfrag_v1_DescribePermissionsRequest__Output>
      DescribePermissionsResponse: MessageTypeDefinition<_keyfrag_v1_DescribePermissionsResponse, _keyfrag_v1_DescribePermissionsResponse__Output>
      GetRoleRequest: MessageTypeDefinition<_keyfrag_v1_GetRoleRequest, _keyfrag_v1_GetRoleRequest__Output>
      Identity: MessageTypeDefinition<_keyfrag_v1_Identity, _keyfrag_v1_Identity__Output>
      KeyPublicData: MessageTypeDefinition<_keyfrag_v1_KeyPublicData, _keyfrag_v1_KeyPublicData__Output>
      KeyRef: MessageTypeDefinition<_keyfrag_v1_KeyRef, _keyfrag_v1_KeyRef__Output>
      ListAssociationsRequest: MessageTypeDefinition<_keyfrag_v1_ListAssociationsRequest, _keyfrag_v1_ListAssociationsRequest__Output>
      ListAssociationsResponse: MessageTypeDefinition<_keyfrag_v1_ListAssociationsResponse, _keyfrag_v1_ListAssociationsResponse__Output>
      ListRolesRequest: MessageTypeDefinition<_keyfrag_v1_ListRolesRequest, _keyfrag_v1_ListRolesRequest__Output>
      ListRolesResponse: MessageTypeDefinition<_keyfrag_v1_ListRolesResponse, _keyfrag_v1_ListRolesResponse__Output>
      Participant: MessageTypeDefinition<_keyfrag_v1_Participant, _keyfrag_v1_Participant__Output>
      Policy: SubtypeConstructor<typeof grpc.Client, _keyfrag_v1_PolicyClient> & { service: _keyfrag_v1_PolicyDefinition }
      Role: MessageTypeDefinition<_keyfrag_v1_Role, _keyfrag_v1_Role__Output>
      RolePermissions: MessageTypeDefinition<_keyfrag_v1_RolePermissions, _keyfrag_v1_RolePermissions__Output>
      Rule: MessageTypeDefinition<_keyfrag_v1_Rule, _keyfrag_v1_Rule__Output>
      SetRoleRuleRequest: MessageTypeDefinition<_keyfrag_v1_SetRoleRuleRequest, _keyfrag_v1_SetRoleRuleRequest__Output>
      StringList: MessageTypeDefinition<_keyfrag_v1_StringList, _keyfrag_v1_StringList__Output>
      Suite: EnumTypeDefinition
    }
  }
}

