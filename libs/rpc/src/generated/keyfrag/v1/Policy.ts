// Original file: keyfrag/v1/policy.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AssocRoleAuthMethodRequest as _keyfrag_v1_AssocRoleAuthMethodRequest, AssocRoleAuthMethodRequest__Output as _keyfrag_v1_AssocRoleAuthMethodRequest__Output } from '../../keyfrag/v1/AssocRoleAuthMethodRequest.js';
import type { Association as _keyfrag_v1_Association, Association__Output as _keyfrag_v1_Association__Output } from '../../keyfrag/v1/Association.js';
import type { AuthorizeRequest as _keyfrag_v1_AuthorizeRequest, AuthorizeRequest__Output as _keyfrag_v1_AuthorizeRequest__Output } from '../../keyfrag/v1/AuthorizeRequest.js';
import type { AuthorizeResponse as _keyfrag_v1_AuthorizeResponse, AuthorizeResponse__Output as _keyfrag_v1_AuthorizeResponse__Output } from '../../keyfrag/v1/AuthorizeResponse.js';
import type { CreateRoleRequest as _keyfrag_v1_CreateRoleRequest, CreateRoleRequest__Output as _keyfrag_v1_CreateRoleRequest__Output } from '../../keyfrag/v1/CreateRoleRequest.js';
import type { DeleteAssociationRequest as _keyfrag_v1_DeleteAssociationRequest, DeleteAssociationRequest__Output as _keyfrag_v1_DeleteAssociationRequest__Output } from '../../keyfrag/v1/DeleteAssociationRequest.js';
import type { DeleteAssociationResponse as _keyfrag_v1_DeleteAssociationResponse, DeleteAssociationResponse__Output as _keyfrag_v1_DeleteAssociationResponse__Output } from '../../keyfrag/v1/DeleteAssociationResponse.js';
import type { DeleteRoleRequest as _keyfrag_v1_DeleteRoleRequest, DeleteRoleRequest__Output as _keyfrag_v1_DeleteRoleRequest__Output } from '../../keyfrag/v1/DeleteRoleRequest.js';
import type { DeleteRoleResponse as _keyfrag_v1_DeleteRoleResponse, DeleteRoleResponse__Output as _keyfrag_v1_DeleteRoleResponse__Output } from '../../keyfrag/v1/DeleteRoleResponse.js';
import type { DeleteRoleRuleRequest as _keyfrag_v1_DeleteRoleRuleRequest, DeleteRoleRuleRequest__Output as _keyfrag_v1_DeleteRoleRuleRequest__Output } from '../../keyfrag/v1/DeleteRoleRuleRequest.js';
import type { DescribePermissionsRequest as _keyfrag_v1_DescribePermissionsRequest, DescribePermissionsRequest__Output as _keyfrag_v1_DescribePermissionsRequest__Output } from '../../keyfrag/v1/DescribePermissionsRequest.js';
import type { DescribePermissionsResponse as _keyfrag_v1_DescribePermissionsResponse, DescribePermissionsResponse__Output as _keyfrag_v1_DescribePermissionsResponse__Output } from '../../keyfrag/v1/DescribePermissionsResponse.js';
import type { GetRoleRequest as _keyfrag_v1_GetRoleRequest, GetRoleRequest__Output as _keyfrag_v1_GetRoleRequest__Output } from '../../keyfrag/v1/GetRoleRequest.js';
import type { ListAssociationsRequest as _keyfrag_v1_ListAssociationsRequest, ListAssociationsRequest__Output as _keyfrag_v1_ListAssociationsRequest__Output } from '../../keyfrag/v1/ListAssociationsRequest.js';
import type { ListAssociationsResponse as _keyfrag_v1_ListAssociationsResponse, ListAssociationsResponse__Output as _keyfrag_v1_ListAssociationsResponse__Output } from '../../keyfrag/v1/ListAssociationsResponse.js';
import type { ListRolesRequest as _keyfrag_v1_ListRolesRequest, ListRolesRequest__Output as _keyfrag_v1_ListRolesRequest__Output } from '../../keyfrag/v1/ListRolesRequest.js';
import type { ListRolesResponse as _keyfrag_v1_ListRolesResponse, ListRolesResponse__Output as _keyfrag_v1_ListRolesResponse__Output } from '../../keyfrag/v1/ListRolesResponse.js';
import type { Role as _keyfrag_v1_Role, Role__Output as _keyfrag_v1_Role__Output } from '../../keyfrag/v1/Role.js';
import type { SetRoleRuleRequest as _keyfrag_v1_SetRoleRuleRequest, SetRoleRuleRequest__Output as _keyfrag_v1_SetRoleRuleRequest__Output } from '../../keyfrag/v1/SetRoleRuleRequest.js';

export interface PolicyClient extends grpc.Client {
  AssocRoleAuthMethod(argument: _keyfrag_v1_AssocRoleAuthMethodRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Association__Output>): grpc.ClientUnaryCall;
  AssocRoleAuthMethod(argument: _keyfrag_v1_AssocRoleAuthMethodRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Association__Output>): grpc.ClientUnaryCall;
  AssocRoleAuthMethod(argument: _keyfrag_v1_AssocRoleAuthMethodRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Association__Output>): grpc.ClientUnaryCall;
  AssocRoleAuthMethod(argument: _keyfrag_v1_AssocRoleAuthMethodRequest, callback: grpc.requestCallback<_keyfrag_v1_Association__Output>): grpc.ClientUnaryCall;
  assocRoleAuthMethod(argument: _keyfrag_v1_AssocRoleAuthMethodRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Association__Output>): grpc.ClientUnaryCall;
  assocRoleAuthMethod(argument: _keyfrag_v1_AssocRoleAuthMethodRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Association__Output>): grpc.ClientUnaryCall;
  assocRoleAuthMethod(argument: _keyfrag_v1_AssocRoleAuthMethodRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Association__Output>): grpc.ClientUnaryCall;
  assocRoleAuthMethod(argument: _keyfrag_v1_AssocRoleAuthMethodRequest, callback: grpc.requestCallback<_keyfrag_v1_Association__Output>): grpc.ClientUnaryCall;
  
  Authorize(argument: _keyfrag_v1_AuthorizeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_AuthorizeResponse__Output>): grpc.ClientUnaryCall;
  Authorize(argument: _keyfrag_v1_AuthorizeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_AuthorizeResponse__Output>): grpc.ClientUnaryCall;
  Authorize(argument: _keyfrag_v1_AuthorizeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_AuthorizeResponse__Output>): grpc.ClientUnaryCall;
  Authorize(argument: _keyfrag_v1_AuthorizeRequest, callback: grpc.requestCallback<_keyfrag_v1_AuthorizeResponse__Output>): grpc.ClientUnaryCall;
  authorize(argument: _keyfrag_v1_AuthorizeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_AuthorizeResponse__Output>): grpc.ClientUnaryCall;
  authorize(argument: _keyfrag_v1_AuthorizeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_AuthorizeResponse__Output>): grpc.ClientUnaryCall;
  authorize(argument: _keyfrag_v1_AuthorizeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_AuthorizeResponse__Output>): grpc.ClientUnaryCall;
  authorize(argument: _keyfrag_v1_AuthorizeRequest, callback: grpc.requestCallback<_keyfrag_v1_AuthorizeResponse__Output>): grpc.ClientUnaryCall;
  
  CreateRole(argument: _keyfrag_v1_CreateRoleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Role__Output>): grpc.ClientUnaryCall;
  CreateRole(argument: _keyfrag_v1_CreateRoleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Role__Output>): grpc.ClientUnaryCall;
  CreateRole(argument: _keyfrag_v1_CreateRoleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Role__Output>): grpc.ClientUnaryCall;
  CreateRole(argument: _keyfrag_v1_CreateRoleRequest, callback: grpc.requestCallback<_keyfrag_v1_Role__Output>): grpc.ClientUnaryCall;
  createRole(argument: _keyfrag_v1_CreateRoleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Role__Output>): grpc.ClientUnaryCall;
  createRole(argument: _keyfrag_v1_CreateRoleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Role__Output>): grpc.ClientUnaryCall;
  createRole(argument: _keyfrag_v1_CreateRoleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Role__Output>): grpc.ClientUnaryCall;
  createRole(argument: _keyfrag_v1_CreateRoleRequest, callback: grpc.requestCallback<_keyfrag_v1_Role__Output>): grpc.ClientUnaryCall;
  
  DeleteAssociation(argument: _keyfrag_v1_DeleteAssociationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DeleteAssociationResponse__Output>): grpc.ClientUnaryCall;
  DeleteAssociation(argument: _keyfrag_v1_DeleteAssociationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_DeleteAssociationResponse__Output>): grpc.ClientUnaryCall;
  DeleteAssociation(argument: _keyfrag_v1_DeleteAssociationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DeleteAssociationResponse__Output>): grpc.ClientUnaryCall;
  DeleteAssociation(argument: _keyfrag_v1_DeleteAssociationRequest, callback: grpc.requestCallback<_keyfrag_v1_DeleteAssociationResponse__Output>): grpc.ClientUnaryCall;
  deleteAssociation(argument: _keyfrag_v1_DeleteAssociationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DeleteAssociationResponse__Output>): grpc.ClientUnaryCall;
  deleteAssociation(argument: _keyfrag_v1_DeleteAssociationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_DeleteAssociationResponse__Output>): grpc.ClientUnaryCall;
  deleteAssociation(argument: _keyfrag_v1_DeleteAssociationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DeleteAssociationResponse__Output>): grpc.ClientUnaryCall;
  deleteAssociation(argument: _keyfrag_v1_DeleteAssociationRequest, callback: grpc.requestCallback<_keyfrag_v1_DeleteAssociationResponse__Output>): grpc.ClientUnaryCall;
  
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
  
  DescribePermissions(argument: _keyfrag_v1_DescribePermissionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DescribePermissionsResponse__Output>): grpc.ClientUnaryCall;
  DescribePermissions(argument: _keyfrag_v1_DescribePermissionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_DescribePermissionsResponse__Output>): grpc.ClientUnaryCall;
  DescribePermissions(argument: _keyfrag_v1_DescribePermissionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DescribePermissionsResponse__Output>): grpc.ClientUnaryCall;
  DescribePermissions(argument: _keyfrag_v1_DescribePermissionsRequest, callback: grpc.requestCallback<_keyfrag_v1_DescribePermissionsResponse__Output>): grpc.ClientUnaryCall;
  describePermissions(argument: _keyfrag_v1_DescribePermissionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DescribePermissionsResponse__Output>): grpc.ClientUnaryCall;
  describePermissions(argument: _keyfrag_v1_DescribePermissionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_DescribePermissionsResponse__Output>): grpc.ClientUnaryCall;
  describePermissions(argument: _keyfrag_v1_DescribePermissionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DescribePermissionsResponse__Output>): grpc.ClientUnaryCall;
  describePermissions(argument: _keyfrag_v1_DescribePermissionsRequest, callback: grpc.requestCallback<_keyfrag_v1_DescribePermissionsResponse__Output>): grpc.ClientUnaryCall;
  
  GetRole(argument: _keyfrag_v1_GetRoleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Role__Output>): grpc.ClientUnaryCall;
  GetRole(argument: _keyfrag_v1_GetRoleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Role__Output>): grpc.ClientUnaryCall;
  GetRole(argument: _keyfrag_v1_GetRoleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Role__Output>): grpc.ClientUnaryCall;
  GetRole(argument: _keyfrag_v1_GetRoleRequest, callback: grpc.requestCallback<_keyfrag_v1_Role__Output>): grpc.ClientUnaryCall;
  getRole(argument: _keyfrag_v1_GetRoleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Role__Output>): grpc.ClientUnaryCall;
  getRole(argument: _keyfrag_v1_GetRoleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Role__Output>): grpc.ClientUnaryCall;
  getRole(argument: _keyfrag_v1_GetRoleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Role__Output>): grpc.ClientUnaryCall;
  getRole(argument: _keyfrag_v1_GetRoleRequest, callback: grpc.requestCallback<_keyfrag_v1_Role__Output>): grpc.ClientUnaryCall;
  
  ListAssociations(argument: _keyfrag_v1_ListAssociationsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListAssociationsResponse__Output>): grpc.ClientUnaryCall;
  ListAssociations(argument: _keyfrag_v1_ListAssociationsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_ListAssociationsResponse__Output>): grpc.ClientUnaryCall;
  ListAssociations(argument: _keyfrag_v1_ListAssociationsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListAssociationsResponse__Output>): grpc.ClientUnaryCall;
  ListAssociations(argument: _keyfrag_v1_ListAssociationsRequest, callback: grpc.requestCallback<_keyfrag_v1_ListAssociationsResponse__Output>): grpc.ClientUnaryCall;
  listAssociations(argument: _keyfrag_v1_ListAssociationsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListAssociationsResponse__Output>): grpc.ClientUnaryCall;
  listAssociations(argument: _keyfrag_v1_ListAssociationsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_ListAssociationsResponse__Output>): grpc.ClientUnaryCall;
  listAssociations(argument: _keyfrag_v1_ListAssociationsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListAssociationsResponse__Output>): grpc.ClientUnaryCall;
  listAssociations(argument: _keyfrag_v1_ListAssociationsRequest, callback: grpc.requestCallback<_keyfrag_v1_ListAssociationsResponse__Output>): grpc.ClientUnaryCall;
  
  ListRoles(argument: _keyfrag_v1_ListRolesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListRolesResponse__Output>): grpc.ClientUnaryCall;
  ListRoles(argument: _keyfrag_v1_ListRolesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_ListRolesResponse__Output>): grpc.ClientUnaryCall;
  ListRoles(argument: _keyfrag_v1_ListRolesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListRolesResponse__Output>): grpc.ClientUnaryCall;
  ListRoles(argument: _keyfrag_v1_ListRolesRequest, callback: grpc.requestCallback<_keyfrag_v1_ListRolesResponse__Output>): grpc.ClientUnaryCall;
  listRoles(argument: _keyfrag_v1_ListRolesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListRolesResponse__Output>): grpc.ClientUnaryCall;
  listRoles(argument: _keyfrag_v1_ListRolesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_ListRolesResponse__Output>): grpc.ClientUnaryCall;
  listRoles(argument: _keyfrag_v1_ListRolesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListRolesResponse__Output>): grpc.ClientUnaryCall;
  listRoles(argument: _keyfrag_v1_ListRolesRequest, callback: grpc.requestCallback<_keyfrag_v1_ListRolesResponse__Output>): grpc.ClientUnaryCall;
  
  SetRoleRule(argument: _keyfrag_v1_SetRoleRuleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Role__Output>): grpc.ClientUnaryCall;
  SetRoleRule(argument: _keyfrag_v1_SetRoleRuleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Role__Output>): grpc.ClientUnaryCall;
  SetRoleRule(argument: _keyfrag_v1_SetRoleRuleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Role__Output>): grpc.ClientUnaryCall;
  SetRoleRule(argument: _keyfrag_v1_SetRoleRuleRequest, callback: grpc.requestCallback<_keyfrag_v1_Role__Output>): grpc.ClientUnaryCall;
  setRoleRule(argument: _keyfrag_v1_SetRoleRuleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Role__Output>): grpc.ClientUnaryCall;
  setRoleRule(argument: _keyfrag_v1_SetRoleRuleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Role__Output>): grpc.ClientUnaryCall;
  setRoleRule(argument: _keyfrag_v1_SetRoleRuleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Role__Output>): grpc.ClientUnaryCall;
  setRoleRule(argument: _keyfrag_v1_SetRoleRuleRequest, callback: grpc.requestCallback<_keyfrag_v1_Role__Output>): grpc.ClientUnaryCall;
  
}

export interface PolicyHandlers extends grpc.UntypedServiceImplementation {
  AssocRoleAuthMethod: grpc.handleUnaryCall<_keyfrag_v1_AssocRoleAuthMethodRequest__Output, _keyfrag_v1_Association>;
  
  Authorize: grpc.handleUnaryCall<_keyfrag_v1_AuthorizeRequest__Output, _keyfrag_v1_AuthorizeResponse>;
  
  CreateRole: grpc.handleUnaryCall<_keyfrag_v1_CreateRoleRequest__Output, _keyfrag_v1_Role>;
  
  DeleteAssociation: grpc.handleUnaryCall<_keyfrag_v1_DeleteAssociationRequest__Output, _keyfrag_v1_DeleteAssociationResponse>;
  
  DeleteRole: grpc.handleUnaryCall<_keyfrag_v1_DeleteRoleRequest__Output, _keyfrag_v1_DeleteRoleResponse>;
  
  DeleteRoleRule: grpc.handleUnaryCall<_keyfrag_v1_DeleteRoleRuleRequest__Output, _keyfrag_v1_Role>;
  
  DescribePermissions: grpc.handleUnaryCall<_keyfrag_v1_DescribePermissionsRequest__Output, _keyfrag_v1_DescribePermissionsResponse>;
  
  GetRole: grpc.handleUnaryCall<_keyfrag_v1_GetRoleRequest__Output, _keyfrag_v1_Role>;
  
  ListAssociations: grpc.handleUnaryCall<_keyfrag_v1_ListAssociationsRequest__Output, _keyfrag_v1_ListAssociationsResponse>;
  
  ListRoles: grpc.handleUnaryCall<_keyfrag_v1_ListRolesRequest__Output, _keyfrag_v1_ListRolesResponse>;
  
  SetRoleRule: grpc.handleUnaryCall<_keyfrag_v1_SetRoleRuleRequest__Output, _keyfrag_v1_Role>;
  
}

export interface PolicyDefinition extends grpc.ServiceDefinition {
  AssocRoleAuthMethod: MethodDefinition<_keyfrag_v1_AssocRoleAuthMethodRequest, _keyfrag_v1_Association, _keyfrag_v1_AssocRoleAuthMethodRequest__Output, _keyfrag_v1_Association__Output>
  Authorize: MethodDefinition<_keyfrag_v1_AuthorizeRequest, _keyfrag_v1_AuthorizeResponse, _keyfrag_v1_AuthorizeRequest__Output, _keyfrag_v1_AuthorizeResponse__Output>
  CreateRole: MethodDefinition<_keyfrag_v1_CreateRoleRequest, _keyfrag_v1_Role, _keyfrag_v1_CreateRoleRequest__Output, _keyfrag_v1_Role__Output>
  DeleteAssociation: MethodDefinition<_keyfrag_v1_DeleteAssociationRequest, _keyfrag_v1_DeleteAssociationResponse, _keyfrag_v1_DeleteAssociationRequest__Output, _keyfrag_v1_DeleteAssociationResponse__Output>
  DeleteRole: MethodDefinition<_keyfrag_v1_DeleteRoleRequest, _keyfrag_v1_DeleteRoleResponse, _keyfrag_v1_DeleteRoleRequest__Output, _keyfrag_v1_DeleteRoleResponse__Output>
  DeleteRoleRule: MethodDefinition<_keyfrag_v1_DeleteRoleRuleRequest, _keyfrag_v1_Role, _keyfrag_v1_DeleteRoleRuleRequest__Output, _keyfrag_v1_Role__Output>
  DescribePermissions: MethodDefinition<_keyfrag_v1_DescribePermissionsRequest, _keyfrag_v1_DescribePermissionsResponse, _keyfrag_v1_DescribePermissionsRequest__Output, _keyfrag_v1_DescribePermissionsResponse__Output>
  GetRole: MethodDefinition<_keyfrag_v1_GetRoleRequest, _keyfrag_v1_Role, _keyfrag_v1_GetRoleRequest__Output, _keyfrag_v1_Role__Output>
  ListAssociations: MethodDefinition<_keyfrag_v1_ListAssociationsRequest, _keyfrag_v1_ListAssociationsResponse, _keyfrag_v1_ListAssociationsRequest__Output, _keyfrag_v1_ListAssociationsResponse__Output>
  ListRoles: MethodDefinition<_keyfrag_v1_ListRolesRequest, _keyfrag_v1_ListRolesResponse, _keyfrag_v1_ListRolesRequest__Output, _keyfrag_v1_ListRolesResponse__Output>
  SetRoleRule: MethodDefinition<_keyfrag_v1_SetRoleRuleRequest, _keyfrag_v1_Role, _keyfrag_v1_SetRoleRuleRequest__Output, _keyfrag_v1_Role__Output>
}
