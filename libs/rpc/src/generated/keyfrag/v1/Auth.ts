// Original file: keyfrag/v1/auth.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AuthMethod as _keyfrag_v1_AuthMethod, AuthMethod__Output as _keyfrag_v1_AuthMethod__Output } from '../../keyfrag/v1/AuthMethod.js';
import type { AuthenticateRequest as _keyfrag_v1_AuthenticateRequest, AuthenticateRequest__Output as _keyfrag_v1_AuthenticateRequest__Output } from '../../keyfrag/v1/AuthenticateRequest.js';
import type { AuthenticateResponse as _keyfrag_v1_AuthenticateResponse, AuthenticateResponse__Output as _keyfrag_v1_AuthenticateResponse__Output } from '../../keyfrag/v1/AuthenticateResponse.js';
import type { CreateAuthMethodRequest as _keyfrag_v1_CreateAuthMethodRequest, CreateAuthMethodRequest__Output as _keyfrag_v1_CreateAuthMethodRequest__Output } from '../../keyfrag/v1/CreateAuthMethodRequest.js';
import type { CreateAuthMethodResponse as _keyfrag_v1_CreateAuthMethodResponse, CreateAuthMethodResponse__Output as _keyfrag_v1_CreateAuthMethodResponse__Output } from '../../keyfrag/v1/CreateAuthMethodResponse.js';
import type { DeleteAuthMethodRequest as _keyfrag_v1_DeleteAuthMethodRequest, DeleteAuthMethodRequest__Output as _keyfrag_v1_DeleteAuthMethodRequest__Output } from '../../keyfrag/v1/DeleteAuthMethodRequest.js';
import type { DeleteAuthMethodResponse as _keyfrag_v1_DeleteAuthMethodResponse, DeleteAuthMethodResponse__Output as _keyfrag_v1_DeleteAuthMethodResponse__Output } from '../../keyfrag/v1/DeleteAuthMethodResponse.js';
import type { GetAuthMethodRequest as _keyfrag_v1_GetAuthMethodRequest, GetAuthMethodRequest__Output as _keyfrag_v1_GetAuthMethodRequest__Output } from '../../keyfrag/v1/GetAuthMethodRequest.js';
import type { GetTokenKeysRequest as _keyfrag_v1_GetTokenKeysRequest, GetTokenKeysRequest__Output as _keyfrag_v1_GetTokenKeysRequest__Output } from '../../keyfrag/v1/GetTokenKeysRequest.js';
import type { GetTokenKeysResponse as _keyfrag_v1_GetTokenKeysResponse, GetTokenKeysResponse__Output as _keyfrag_v1_GetTokenKeysResponse__Output } from '../../keyfrag/v1/GetTokenKeysResponse.js';
import type { ListAuthMethodsRequest as _keyfrag_v1_ListAuthMethodsRequest, ListAuthMethodsRequest__Output as _keyfrag_v1_ListAuthMethodsRequest__Output } from '../../keyfrag/v1/ListAuthMethodsRequest.js';
import type { ListAuthMethodsResponse as _keyfrag_v1_ListAuthMethodsResponse, ListAuthMethodsResponse__Output as _keyfrag_v1_ListAuthMethodsResponse__Output } from '../../keyfrag/v1/ListAuthMethodsResponse.js';
import type { ListRevocationsRequest as _keyfrag_v1_ListRevocationsRequest, ListRevocationsRequest__Output as _keyfrag_v1_ListRevocationsRequest__Output } from '../../keyfrag/v1/ListRevocationsRequest.js';
import type { ListRevocationsResponse as _keyfrag_v1_ListRevocationsResponse, ListRevocationsResponse__Output as _keyfrag_v1_ListRevocationsResponse__Output } from '../../keyfrag/v1/ListRevocationsResponse.js';
import type { RevokeTokenRequest as _keyfrag_v1_RevokeTokenRequest, RevokeTokenRequest__Output as _keyfrag_v1_RevokeTokenRequest__Output } from '../../keyfrag/v1/RevokeTokenRequest.js';
import type { RevokeTokenResponse as _keyfrag_v1_RevokeTokenResponse, RevokeTokenResponse__Output as _keyfrag_v1_RevokeTokenResponse__Output } from '../../keyfrag/v1/RevokeTokenResponse.js';

export interface AuthClient extends grpc.Client {
  Authenticate(argument: _keyfrag_v1_AuthenticateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_AuthenticateResponse__Output>): grpc.ClientUnaryCall;
  Authenticate(argument: _keyfrag_v1_AuthenticateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_AuthenticateResponse__Output>): grpc.ClientUnaryCall;
  Authenticate(argument: _keyfrag_v1_AuthenticateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_AuthenticateResponse__Output>): grpc.ClientUnaryCall;
  Authenticate(argument: _keyfrag_v1_AuthenticateRequest, callback: grpc.requestCallback<_keyfrag_v1_AuthenticateResponse__Output>): grpc.ClientUnaryCall;
  authenticate(argument: _keyfrag_v1_AuthenticateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_AuthenticateResponse__Output>): grpc.ClientUnaryCall;
  authenticate(argument: _keyfrag_v1_AuthenticateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_AuthenticateResponse__Output>): grpc.ClientUnaryCall;
  authenticate(argument: _keyfrag_v1_AuthenticateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_AuthenticateResponse__Output>): grpc.ClientUnaryCall;
  authenticate(argument: _keyfrag_v1_AuthenticateRequest, callback: grpc.requestCallback<_keyfrag_v1_AuthenticateResponse__Output>): grpc.ClientUnaryCall;
  
  CreateAuthMethod(argument: _keyfrag_v1_CreateAuthMethodRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_CreateAuthMethodResponse__Output>): grpc.ClientUnaryCall;
  CreateAuthMethod(argument: _keyfrag_v1_CreateAuthMethodRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_CreateAuthMethodResponse__Output>): grpc.ClientUnaryCall;
  CreateAuthMethod(argument: _keyfrag_v1_CreateAuthMethodRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_CreateAuthMethodResponse__Output>): grpc.ClientUnaryCall;
  CreateAuthMethod(argument: _keyfrag_v1_CreateAuthMethodRequest, callback: grpc.requestCallback<_keyfrag_v1_CreateAuthMethodResponse__Output>): grpc.ClientUnaryCall;
  createAuthMethod(argument: _keyfrag_v1_CreateAuthMethodRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_CreateAuthMethodResponse__Output>): grpc.ClientUnaryCall;
  createAuthMethod(argument: _keyfrag_v1_CreateAuthMethodRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_CreateAuthMethodResponse__Output>): grpc.ClientUnaryCall;
  createAuthMethod(argument: _keyfrag_v1_CreateAuthMethodRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_CreateAuthMethodResponse__Output>): grpc.ClientUnaryCall;
  createAuthMethod(argument: _keyfrag_v1_CreateAuthMethodRequest, callback: grpc.requestCallback<_keyfrag_v1_CreateAuthMethodResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteAuthMethod(argument: _keyfrag_v1_DeleteAuthMethodRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DeleteAuthMethodResponse__Output>): grpc.ClientUnaryCall;
  DeleteAuthMethod(argument: _keyfrag_v1_DeleteAuthMethodRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_DeleteAuthMethodResponse__Output>): grpc.ClientUnaryCall;
  DeleteAuthMethod(argument: _keyfrag_v1_DeleteAuthMethodRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DeleteAuthMethodResponse__Output>): grpc.ClientUnaryCall;
  DeleteAuthMethod(argument: _keyfrag_v1_DeleteAuthMethodRequest, callback: grpc.requestCallback<_keyfrag_v1_DeleteAuthMethodResponse__Output>): grpc.ClientUnaryCall;
  deleteAuthMethod(argument: _keyfrag_v1_DeleteAuthMethodRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DeleteAuthMethodResponse__Output>): grpc.ClientUnaryCall;
  deleteAuthMethod(argument: _keyfrag_v1_DeleteAuthMethodRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_DeleteAuthMethodResponse__Output>): grpc.ClientUnaryCall;
  deleteAuthMethod(argument: _keyfrag_v1_DeleteAuthMethodRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DeleteAuthMethodResponse__Output>): grpc.ClientUnaryCall;
  deleteAuthMethod(argument: _keyfrag_v1_DeleteAuthMethodRequest, callback: grpc.requestCallback<_keyfrag_v1_DeleteAuthMethodResponse__Output>): grpc.ClientUnaryCall;
  
  GetAuthMethod(argument: _keyfrag_v1_GetAuthMethodRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_AuthMethod__Output>): grpc.ClientUnaryCall;
  GetAuthMethod(argument: _keyfrag_v1_GetAuthMethodRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_AuthMethod__Output>): grpc.ClientUnaryCall;
  GetAuthMethod(argument: _keyfrag_v1_GetAuthMethodRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_AuthMethod__Output>): grpc.ClientUnaryCall;
  GetAuthMethod(argument: _keyfrag_v1_GetAuthMethodRequest, callback: grpc.requestCallback<_keyfrag_v1_AuthMethod__Output>): grpc.ClientUnaryCall;
  getAuthMethod(argument: _keyfrag_v1_GetAuthMethodRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_AuthMethod__Output>): grpc.ClientUnaryCall;
  getAuthMethod(argument: _keyfrag_v1_GetAuthMethodRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_AuthMethod__Output>): grpc.ClientUnaryCall;
  getAuthMethod(argument: _keyfrag_v1_GetAuthMethodRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_AuthMethod__Output>): grpc.ClientUnaryCall;
  getAuthMethod(argument: _keyfrag_v1_GetAuthMethodRequest, callback: grpc.requestCallback<_keyfrag_v1_AuthMethod__Output>): grpc.ClientUnaryCall;
  
  GetTokenKeys(argument: _keyfrag_v1_GetTokenKeysRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_GetTokenKeysResponse__Output>): grpc.ClientUnaryCall;
  GetTokenKeys(argument: _keyfrag_v1_GetTokenKeysRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_GetTokenKeysResponse__Output>): grpc.ClientUnaryCall;
  GetTokenKeys(argument: _keyfrag_v1_GetTokenKeysRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_GetTokenKeysResponse__Output>): grpc.ClientUnaryCall;
  GetTokenKeys(argument: _keyfrag_v1_GetTokenKeysRequest, callback: grpc.requestCallback<_keyfrag_v1_GetTokenKeysResponse__Output>): grpc.ClientUnaryCall;
  getTokenKeys(argument: _keyfrag_v1_GetTokenKeysRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_GetTokenKeysResponse__Output>): grpc.ClientUnaryCall;
  getTokenKeys(argument: _keyfrag_v1_GetTokenKeysRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_GetTokenKeysResponse__Output>): grpc.ClientUnaryCall;
  getTokenKeys(argument: _keyfrag_v1_GetTokenKeysRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_GetTokenKeysResponse__Output>): grpc.ClientUnaryCall;
  getTokenKeys(argument: _keyfrag_v1_GetTokenKeysRequest, callback: grpc.requestCallback<_keyfrag_v1_GetTokenKeysResponse__Output>): grpc.ClientUnaryCall;
  
  ListAuthMethods(argument: _keyfrag_v1_ListAuthMethodsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListAuthMethodsResponse__Output>): grpc.ClientUnaryCall;
  ListAuthMethods(argument: _keyfrag_v1_ListAuthMethodsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_ListAuthMethodsResponse__Output>): grpc.ClientUnaryCall;
  ListAuthMethods(argument: _keyfrag_v1_ListAuthMethodsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListAuthMethodsResponse__Output>): grpc.ClientUnaryCall;
  ListAuthMethods(argument: _keyfrag_v1_ListAuthMethodsRequest, callback: grpc.requestCallback<_keyfrag_v1_ListAuthMethodsResponse__Output>): grpc.ClientUnaryCall;
  listAuthMethods(argument: _keyfrag_v1_ListAuthMethodsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListAuthMethodsResponse__Output>): grpc.ClientUnaryCall;
  listAuthMethods(argument: _keyfrag_v1_ListAuthMethodsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_ListAuthMethodsResponse__Output>): grpc.ClientUnaryCall;
  listAuthMethods(argument: _keyfrag_v1_ListAuthMethodsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListAuthMethodsResponse__Output>): grpc.ClientUnaryCall;
  listAuthMethods(argument: _keyfrag_v1_ListAuthMethodsRequest, callback: grpc.requestCallback<_keyfrag_v1_ListAuthMethodsResponse__Output>): grpc.ClientUnaryCall;
  
  ListRevocations(argument: _keyfrag_v1_ListRevocationsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListRevocationsResponse__Output>): grpc.ClientUnaryCall;
  ListRevocations(argument: _keyfrag_v1_ListRevocationsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_ListRevocationsResponse__Output>): grpc.ClientUnaryCall;
  ListRevocations(argument: _keyfrag_v1_ListRevocationsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListRevocationsResponse__Output>): grpc.ClientUnaryCall;
  ListRevocations(argument: _keyfrag_v1_ListRevocationsRequest, callback: grpc.requestCallback<_keyfrag_v1_ListRevocationsResponse__Output>): grpc.ClientUnaryCall;
  listRevocations(argument: _keyfrag_v1_ListRevocationsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListRevocationsResponse__Output>): grpc.ClientUnaryCall;
  listRevocations(argument: _keyfrag_v1_ListRevocationsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_ListRevocationsResponse__Output>): grpc.ClientUnaryCall;
  listRevocations(argument: _keyfrag_v1_ListRevocationsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListRevocationsResponse__Output>): grpc.ClientUnaryCall;
  listRevocations(argument: _keyfrag_v1_ListRevocationsRequest, callback: grpc.requestCallback<_keyfrag_v1_ListRevocationsResponse__Output>): grpc.ClientUnaryCall;
  
  RevokeToken(argument: _keyfrag_v1_RevokeTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  RevokeToken(argument: _keyfrag_v1_RevokeTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  RevokeToken(argument: _keyfrag_v1_RevokeTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  RevokeToken(argument: _keyfrag_v1_RevokeTokenRequest, callback: grpc.requestCallback<_keyfrag_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  revokeToken(argument: _keyfrag_v1_RevokeTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  revokeToken(argument: _keyfrag_v1_RevokeTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  revokeToken(argument: _keyfrag_v1_RevokeTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  revokeToken(argument: _keyfrag_v1_RevokeTokenRequest, callback: grpc.requestCallback<_keyfrag_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface AuthHandlers extends grpc.UntypedServiceImplementation {
  Authenticate: grpc.handleUnaryCall<_keyfrag_v1_AuthenticateRequest__Output, _keyfrag_v1_AuthenticateResponse>;
  
  CreateAuthMethod: grpc.handleUnaryCall<_keyfrag_v1_CreateAuthMethodRequest__Output, _keyfrag_v1_CreateAuthMethodResponse>;
  
  DeleteAuthMethod: grpc.handleUnaryCall<_keyfrag_v1_DeleteAuthMethodRequest__Output, _keyfrag_v1_DeleteAuthMethodResponse>;
  
  GetAuthMethod: grpc.handleUnaryCall<_keyfrag_v1_GetAuthMethodRequest__Output, _keyfrag_v1_AuthMethod>;
  
  GetTokenKeys: grpc.handleUnaryCall<_keyfrag_v1_GetTokenKeysRequest__Output, _keyfrag_v1_GetTokenKeysResponse>;
  
  ListAuthMethods: grpc.handleUnaryCall<_keyfrag_v1_ListAuthMethodsRequest__Output, _keyfrag_v1_ListAuthMethodsResponse>;
  
  ListRevocations: grpc.handleUnaryCall<_keyfrag_v1_ListRevocationsRequest__Output, _keyfrag_v1_ListRevocationsResponse>;
  
  RevokeToken: grpc.handleUnaryCall<_keyfrag_v1_RevokeTokenRequest__Output, _keyfrag_v1_RevokeTokenResponse>;
  
}

export interface AuthDefinition extends grpc.ServiceDefinition {
  Authenticate: MethodDefinition<_keyfrag_v1_AuthenticateRequest, _keyfrag_v1_AuthenticateResponse, _keyfrag_v1_AuthenticateRequest__Output, _keyfrag_v1_AuthenticateResponse__Output>
  CreateAuthMethod: MethodDefinition<_keyfrag_v1_CreateAuthMethodRequest, _keyfrag_v1_CreateAuthMethodResponse, _keyfrag_v1_CreateAuthMethodRequest__Output, _keyfrag_v1_CreateAuthMethodResponse__Output>
  DeleteAuthMethod: MethodDefinition<_keyfrag_v1_DeleteAuthMethodRequest, _keyfrag_v1_DeleteAuthMethodResponse, _keyfrag_v1_DeleteAuthMethodRequest__Output, _keyfrag_v1_DeleteAuthMethodResponse__Output>
  GetAuthMethod: MethodDefinition<_keyfrag_v1_GetAuthMethodRequest, _keyfrag_v1_AuthMethod, _keyfrag_v1_GetAuthMethodRequest__Output, _keyfrag_v1_AuthMethod__Output>
  GetTokenKeys: MethodDefinition<_keyfrag_v1_GetTokenKeysRequest, _keyfrag_v1_GetTokenKeysResponse, _keyfrag_v1_GetTokenKeysRequest__Output, _keyfrag_v1_GetTokenKeysResponse__Output>
  ListAuthMethods: MethodDefinition<_keyfrag_v1_ListAuthMethodsRequest, _keyfrag_v1_ListAuthMethodsResponse, _keyfrag_v1_ListAuthMethodsRequest__Output, _keyfrag_v1_ListAuthMethodsResponse__Output>
  ListRevocations: MethodDefinition<_keyfrag_v1_ListRevocationsRequest, _keyfrag_v1_ListRevocationsResponse, _keyfrag_v1_ListRevocationsRequest__Output, _keyfrag_v1_ListRevocationsResponse__Output>
  RevokeToken: MethodDefinition<_keyfrag_v1_RevokeTokenRequest, _keyfrag_v1_RevokeTokenResponse, _keyfrag_v1_RevokeTokenRequest__Output, _keyfrag_v1_RevokeTokenResponse__Output>
}
