// Original file: keyfrag/v1/producers.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CreateDynamicSecretRequest as _keyfrag_v1_CreateDynamicSecretRequest, CreateDynamicSecretRequest__Output as _keyfrag_v1_CreateDynamicSecretRequest__Output } from '../../keyfrag/v1/CreateDynamicSecretRequest.js';
import type { CreateTargetRequest as _keyfrag_v1_CreateTargetRequest, CreateTargetRequest__Output as _keyfrag_v1_CreateTargetRequest__Output } from '../../keyfrag/v1/CreateTargetRequest.js';
import type { DeleteDynamicSecretRequest as _keyfrag_v1_DeleteDynamicSecretRequest, DeleteDynamicSecretRequest__Output as _keyfrag_v1_DeleteDynamicSecretRequest__Output } from '../../keyfrag/v1/DeleteDynamicSecretRequest.js';
import type { DeleteTargetRequest as _keyfrag_v1_DeleteTargetRequest, DeleteTargetRequest__Output as _keyfrag_v1_DeleteTargetRequest__Output } from '../../keyfrag/v1/DeleteTargetRequest.js';
import type { DynamicSecret as _keyfrag_v1_DynamicSecret, DynamicSecret__Output as _keyfrag_v1_DynamicSecret__Output } from '../../keyfrag/v1/DynamicSecret.js';
import type { ForgetLeaseRequest as _keyfrag_v1_ForgetLeaseRequest, ForgetLeaseRequest__Output as _keyfrag_v1_ForgetLeaseRequest__Output } from '../../keyfrag/v1/ForgetLeaseRequest.js';
import type { GetDynamicSecretRequest as _keyfrag_v1_GetDynamicSecretRequest, GetDynamicSecretRequest__Output as _keyfrag_v1_GetDynamicSecretRequest__Output } from '../../keyfrag/v1/GetDynamicSecretRequest.js';
import type { GetDynamicSecretValueRequest as _keyfrag_v1_GetDynamicSecretValueRequest, GetDynamicSecretValueRequest__Output as _keyfrag_v1_GetDynamicSecretValueRequest__Output } from '../../keyfrag/v1/GetDynamicSecretValueRequest.js';
import type { GetDynamicSecretValueResponse as _keyfrag_v1_GetDynamicSecretValueResponse, GetDynamicSecretValueResponse__Output as _keyfrag_v1_GetDynamicSecretValueResponse__Output } from '../../keyfrag/v1/GetDynamicSecretValueResponse.js';
import type { GetLeaseRequest as _keyfrag_v1_GetLeaseRequest, GetLeaseRequest__Output as _keyfrag_v1_GetLeaseRequest__Output } from '../../keyfrag/v1/GetLeaseRequest.js';
import type { GetSshCertificateRequest as _keyfrag_v1_GetSshCertificateRequest, GetSshCertificateRequest__Output as _keyfrag_v1_GetSshCertificateRequest__Output } from '../../keyfrag/v1/GetSshCertificateRequest.js';
import type { GetSshCertificateResponse as _keyfrag_v1_GetSshCertificateResponse, GetSshCertificateResponse__Output as _keyfrag_v1_GetSshCertificateResponse__Output } from '../../keyfrag/v1/GetSshCertificateResponse.js';
import type { GetTargetRequest as _keyfrag_v1_GetTargetRequest, GetTargetRequest__Output as _keyfrag_v1_GetTargetRequest__Output } from '../../keyfrag/v1/GetTargetRequest.js';
import type { Lease as _keyfrag_v1_Lease, Lease__Output as _keyfrag_v1_Lease__Output } from '../../keyfrag/v1/Lease.js';
import type { ListDynamicSecretsRequest as _keyfrag_v1_ListDynamicSecretsRequest, ListDynamicSecretsRequest__Output as _keyfrag_v1_ListDynamicSecretsRequest__Output } from '../../keyfrag/v1/ListDynamicSecretsRequest.js';
import type { ListDynamicSecretsResponse as _keyfrag_v1_ListDynamicSecretsResponse, ListDynamicSecretsResponse__Output as _keyfrag_v1_ListDynamicSecretsResponse__Output } from '../../keyfrag/v1/ListDynamicSecretsResponse.js';
import type { ListLeasesRequest as _keyfrag_v1_ListLeasesRequest, ListLeasesRequest__Output as _keyfrag_v1_ListLeasesRequest__Output } from '../../keyfrag/v1/ListLeasesRequest.js';
import type { ListLeasesResponse as _keyfrag_v1_ListLeasesResponse, ListLeasesResponse__Output as _keyfrag_v1_ListLeasesResponse__Output } from '../../keyfrag/v1/ListLeasesResponse.js';
import type { ListTargetsRequest as _keyfrag_v1_ListTargetsRequest, ListTargetsRequest__Output as _keyfrag_v1_ListTargetsRequest__Output } from '../../keyfrag/v1/ListTargetsRequest.js';
import type { ListTargetsResponse as _keyfrag_v1_ListTargetsResponse, ListTargetsResponse__Output as _keyfrag_v1_ListTargetsResponse__Output } from '../../keyfrag/v1/ListTargetsResponse.js';
import type { RenewLeaseRequest as _keyfrag_v1_RenewLeaseRequest, RenewLeaseRequest__Output as _keyfrag_v1_RenewLeaseRequest__Output } from '../../keyfrag/v1/RenewLeaseRequest.js';
import type { RevokeLeaseRequest as _keyfrag_v1_RevokeLeaseRequest, RevokeLeaseRequest__Output as _keyfrag_v1_RevokeLeaseRequest__Output } from '../../keyfrag/v1/RevokeLeaseRequest.js';
import type { RevokeLeasesByPrefixRequest as _keyfrag_v1_RevokeLeasesByPrefixRequest, RevokeLeasesByPrefixRequest__Output as _keyfrag_v1_RevokeLeasesByPrefixRequest__Output } from '../../keyfrag/v1/RevokeLeasesByPrefixRequest.js';
import type { RevokeLeasesByPrefixResponse as _keyfrag_v1_RevokeLeasesByPrefixResponse, RevokeLeasesByPrefixResponse__Output as _keyfrag_v1_RevokeLeasesByPrefixResponse__Output } from '../../keyfrag/v1/RevokeLeasesByPrefixResponse.js';
import type { RotateCustomPayloadRequest as _keyfrag_v1_RotateCustomPayloadRequest, RotateCustomPayloadRequest__Output as _keyfrag_v1_RotateCustomPayloadRequest__Output } from '../../keyfrag/v1/RotateCustomPayloadRequest.js';
import type { SweepOrphansRequest as _keyfrag_v1_SweepOrphansRequest, SweepOrphansRequest__Output as _keyfrag_v1_SweepOrphansRequest__Output } from '../../keyfrag/v1/SweepOrphansRequest.js';
import type { SweepOrphansResponse as _keyfrag_v1_SweepOrphansResponse, SweepOrphansResponse__Output as _keyfrag_v1_SweepOrphansResponse__Output } from '../../keyfrag/v1/SweepOrphansResponse.js';
import type { Target as _keyfrag_v1_Target, Target__Output as _keyfrag_v1_Target__Output } from '../../keyfrag/v1/Target.js';
import type { UpdateDynamicSecretRequest as _keyfrag_v1_UpdateDynamicSecretRequest, UpdateDynamicSecretRequest__Output as _keyfrag_v1_UpdateDynamicSecretRequest__Output } from '../../keyfrag/v1/UpdateDynamicSecretRequest.js';
import type { UpdateTargetRequest as _keyfrag_v1_UpdateTargetRequest, UpdateTargetRequest__Output as _keyfrag_v1_UpdateTargetRequest__Output } from '../../keyfrag/v1/UpdateTargetRequest.js';

export interface ProducersClient extends grpc.Client {
  CreateDynamicSecret(argument: _keyfrag_v1_CreateDynamicSecretRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  CreateDynamicSecret(argument: _keyfrag_v1_CreateDynamicSecretRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  CreateDynamicSecret(argument: _keyfrag_v1_CreateDynamicSecretRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  CreateDynamicSecret(argument: _keyfrag_v1_CreateDynamicSecretRequest, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  createDynamicSecret(argument: _keyfrag_v1_CreateDynamicSecretRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  createDynamicSecret(argument: _keyfrag_v1_CreateDynamicSecretRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  createDynamicSecret(argument: _keyfrag_v1_CreateDynamicSecretRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  createDynamicSecret(argument: _keyfrag_v1_CreateDynamicSecretRequest, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  
  CreateTarget(argument: _keyfrag_v1_CreateTargetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Target__Output>): grpc.ClientUnaryCall;
  CreateTarget(argument: _keyfrag_v1_CreateTargetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Target__Output>): grpc.ClientUnaryCall;
  CreateTarget(argument: _keyfrag_v1_CreateTargetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Target__Output>): grpc.ClientUnaryCall;
  CreateTarget(argument: _keyfrag_v1_CreateTargetRequest, callback: grpc.requestCallback<_keyfrag_v1_Target__Output>): grpc.ClientUnaryCall;
  createTarget(argument: _keyfrag_v1_CreateTargetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Target__Output>): grpc.ClientUnaryCall;
  createTarget(argument: _keyfrag_v1_CreateTargetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Target__Output>): grpc.ClientUnaryCall;
  createTarget(argument: _keyfrag_v1_CreateTargetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Target__Output>): grpc.ClientUnaryCall;
  createTarget(argument: _keyfrag_v1_CreateTargetRequest, callback: grpc.requestCallback<_keyfrag_v1_Target__Output>): grpc.ClientUnaryCall;
  
  DeleteDynamicSecret(argument: _keyfrag_v1_DeleteDynamicSecretRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  DeleteDynamicSecret(argument: _keyfrag_v1_DeleteDynamicSecretRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  DeleteDynamicSecret(argument: _keyfrag_v1_DeleteDynamicSecretRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  DeleteDynamicSecret(argument: _keyfrag_v1_DeleteDynamicSecretRequest, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  deleteDynamicSecret(argument: _keyfrag_v1_DeleteDynamicSecretRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  deleteDynamicSecret(argument: _keyfrag_v1_DeleteDynamicSecretRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  deleteDynamicSecret(argument: _keyfrag_v1_DeleteDynamicSecretRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  deleteDynamicSecret(argument: _keyfrag_v1_DeleteDynamicSecretRequest, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  
  DeleteTarget(argument: _keyfrag_v1_DeleteTargetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Target__Output>): grpc.ClientUnaryCall;
  DeleteTarget(argument: _keyfrag_v1_DeleteTargetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Target__Output>): grpc.ClientUnaryCall;
  DeleteTarget(argument: _keyfrag_v1_DeleteTargetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Target__Output>): grpc.ClientUnaryCall;
  DeleteTarget(argument: _keyfrag_v1_DeleteTargetRequest, callback: grpc.requestCallback<_keyfrag_v1_Target__Output>): grpc.ClientUnaryCall;
  deleteTarget(argument: _keyfrag_v1_DeleteTargetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Target__Output>): grpc.ClientUnaryCall;
  deleteTarget(argument: _keyfrag_v1_DeleteTargetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Target__Output>): grpc.ClientUnaryCall;
  deleteTarget(argument: _keyfrag_v1_DeleteTargetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Target__Output>): grpc.ClientUnaryCall;
  deleteTarget(argument: _keyfrag_v1_DeleteTargetRequest, callback: grpc.requestCallback<_keyfrag_v1_Target__Output>): grpc.ClientUnaryCall;
  
  ForgetLease(argument: _keyfrag_v1_ForgetLeaseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Lease__Output>): grpc.ClientUnaryCall;
  ForgetLease(argument: _keyfrag_v1_ForgetLeaseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Lease__Output>): grpc.ClientUnaryCall;
  ForgetLease(argument: _keyfrag_v1_ForgetLeaseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Lease__Output>): grpc.ClientUnaryCall;
  ForgetLease(argument: _keyfrag_v1_ForgetLeaseRequest, callback: grpc.requestCallback<_keyfrag_v1_Lease__Output>): grpc.ClientUnaryCall;
  forgetLease(argument: _keyfrag_v1_ForgetLeaseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Lease__Output>): grpc.ClientUnaryCall;
  forgetLease(argument: _keyfrag_v1_ForgetLeaseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Lease__Output>): grpc.ClientUnaryCall;
  forgetLease(argument: _keyfrag_v1_ForgetLeaseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Lease__Output>): grpc.ClientUnaryCall;
  forgetLease(argument: _keyfrag_v1_ForgetLeaseRequest, callback: grpc.requestCallback<_keyfrag_v1_Lease__Output>): grpc.ClientUnaryCall;
  
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
  
  ListDynamicSecrets(argument: _keyfrag_v1_ListDynamicSecretsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListDynamicSecretsResponse__Output>): grpc.ClientUnaryCall;
  ListDynamicSecrets(argument: _keyfrag_v1_ListDynamicSecretsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_ListDynamicSecretsResponse__Output>): grpc.ClientUnaryCall;
  ListDynamicSecrets(argument: _keyfrag_v1_ListDynamicSecretsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListDynamicSecretsResponse__Output>): grpc.ClientUnaryCall;
  ListDynamicSecrets(argument: _keyfrag_v1_ListDynamicSecretsRequest, callback: grpc.requestCallback<_keyfrag_v1_ListDynamicSecretsResponse__Output>): grpc.ClientUnaryCall;
  listDynamicSecrets(argument: _keyfrag_v1_ListDynamicSecretsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListDynamicSecretsResponse__Output>): grpc.ClientUnaryCall;
  listDynamicSecrets(argument: _keyfrag_v1_ListDynamicSecretsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_ListDynamicSecretsResponse__Output>): grpc.ClientUnaryCall;
  listDynamicSecrets(argument: _keyfrag_v1_ListDynamicSecretsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListDynamicSecretsResponse__Output>): grpc.ClientUnaryCall;
  listDynamicSecrets(argument: _keyfrag_v1_ListDynamicSecretsRequest, callback: grpc.requestCallback<_keyfrag_v1_ListDynamicSecretsResponse__Output>): grpc.ClientUnaryCall;
  
  ListLeases(argument: _keyfrag_v1_ListLeasesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListLeasesResponse__Output>): grpc.ClientUnaryCall;
  ListLeases(argument: _keyfrag_v1_ListLeasesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_ListLeasesResponse__Output>): grpc.ClientUnaryCall;
  ListLeases(argument: _keyfrag_v1_ListLeasesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListLeasesResponse__Output>): grpc.ClientUnaryCall;
  ListLeases(argument: _keyfrag_v1_ListLeasesRequest, callback: grpc.requestCallback<_keyfrag_v1_ListLeasesResponse__Output>): grpc.ClientUnaryCall;
  listLeases(argument: _keyfrag_v1_ListLeasesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListLeasesResponse__Output>): grpc.ClientUnaryCall;
  listLeases(argument: _keyfrag_v1_ListLeasesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_ListLeasesResponse__Output>): grpc.ClientUnaryCall;
  listLeases(argument: _keyfrag_v1_ListLeasesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListLeasesResponse__Output>): grpc.ClientUnaryCall;
  listLeases(argument: _keyfrag_v1_ListLeasesRequest, callback: grpc.requestCallback<_keyfrag_v1_ListLeasesResponse__Output>): grpc.ClientUnaryCall;
  
  ListTargets(argument: _keyfrag_v1_ListTargetsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListTargetsResponse__Output>): grpc.ClientUnaryCall;
  ListTargets(argument: _keyfrag_v1_ListTargetsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_ListTargetsResponse__Output>): grpc.ClientUnaryCall;
  ListTargets(argument: _keyfrag_v1_ListTargetsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListTargetsResponse__Output>): grpc.ClientUnaryCall;
  ListTargets(argument: _keyfrag_v1_ListTargetsRequest, callback: grpc.requestCallback<_keyfrag_v1_ListTargetsResponse__Output>): grpc.ClientUnaryCall;
  listTargets(argument: _keyfrag_v1_ListTargetsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListTargetsResponse__Output>): grpc.ClientUnaryCall;
  listTargets(argument: _keyfrag_v1_ListTargetsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_ListTargetsResponse__Output>): grpc.ClientUnaryCall;
  listTargets(argument: _keyfrag_v1_ListTargetsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ListTargetsResponse__Output>): grpc.ClientUnaryCall;
  listTargets(argument: _keyfrag_v1_ListTargetsRequest, callback: grpc.requestCallback<_keyfrag_v1_ListTargetsResponse__Output>): grpc.ClientUnaryCall;
  
  RenewLease(argument: _keyfrag_v1_RenewLeaseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Lease__Output>): grpc.ClientUnaryCall;
  RenewLease(argument: _keyfrag_v1_RenewLeaseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Lease__Output>): grpc.ClientUnaryCall;
  RenewLease(argument: _keyfrag_v1_RenewLeaseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Lease__Output>): grpc.ClientUnaryCall;
  RenewLease(argument: _keyfrag_v1_RenewLeaseRequest, callback: grpc.requestCallback<_keyfrag_v1_Lease__Output>): grpc.ClientUnaryCall;
  renewLease(argument: _keyfrag_v1_RenewLeaseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Lease__Output>): grpc.ClientUnaryCall;
  renewLease(argument: _keyfrag_v1_RenewLeaseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Lease__Output>): grpc.ClientUnaryCall;
  renewLease(argument: _keyfrag_v1_RenewLeaseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Lease__Output>): grpc.ClientUnaryCall;
  renewLease(argument: _keyfrag_v1_RenewLeaseRequest, callback: grpc.requestCallback<_keyfrag_v1_Lease__Output>): grpc.ClientUnaryCall;
  
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
  
  RotateCustomPayload(argument: _keyfrag_v1_RotateCustomPayloadRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  RotateCustomPayload(argument: _keyfrag_v1_RotateCustomPayloadRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  RotateCustomPayload(argument: _keyfrag_v1_RotateCustomPayloadRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  RotateCustomPayload(argument: _keyfrag_v1_RotateCustomPayloadRequest, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  rotateCustomPayload(argument: _keyfrag_v1_RotateCustomPayloadRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  rotateCustomPayload(argument: _keyfrag_v1_RotateCustomPayloadRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  rotateCustomPayload(argument: _keyfrag_v1_RotateCustomPayloadRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  rotateCustomPayload(argument: _keyfrag_v1_RotateCustomPayloadRequest, callback: grpc.requestCallback<_keyfrag_v1_DynamicSecret__Output>): grpc.ClientUnaryCall;
  
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
  
  UpdateTarget(argument: _keyfrag_v1_UpdateTargetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Target__Output>): grpc.ClientUnaryCall;
  UpdateTarget(argument: _keyfrag_v1_UpdateTargetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Target__Output>): grpc.ClientUnaryCall;
  UpdateTarget(argument: _keyfrag_v1_UpdateTargetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Target__Output>): grpc.ClientUnaryCall;
  UpdateTarget(argument: _keyfrag_v1_UpdateTargetRequest, callback: grpc.requestCallback<_keyfrag_v1_Target__Output>): grpc.ClientUnaryCall;
  updateTarget(argument: _keyfrag_v1_UpdateTargetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Target__Output>): grpc.ClientUnaryCall;
  updateTarget(argument: _keyfrag_v1_UpdateTargetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_Target__Output>): grpc.ClientUnaryCall;
  updateTarget(argument: _keyfrag_v1_UpdateTargetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_Target__Output>): grpc.ClientUnaryCall;
  updateTarget(argument: _keyfrag_v1_UpdateTargetRequest, callback: grpc.requestCallback<_keyfrag_v1_Target__Output>): grpc.ClientUnaryCall;
  
}

export interface ProducersHandlers extends grpc.UntypedServiceImplementation {
  CreateDynamicSecret: grpc.handleUnaryCall<_keyfrag_v1_CreateDynamicSecretRequest__Output, _keyfrag_v1_DynamicSecret>;
  
  CreateTarget: grpc.handleUnaryCall<_keyfrag_v1_CreateTargetRequest__Output, _keyfrag_v1_Target>;
  
  DeleteDynamicSecret: grpc.handleUnaryCall<_keyfrag_v1_DeleteDynamicSecretRequest__Output, _keyfrag_v1_DynamicSecret>;
  
  DeleteTarget: grpc.handleUnaryCall<_keyfrag_v1_DeleteTargetRequest__Output, _keyfrag_v1_Target>;
  
  ForgetLease: grpc.handleUnaryCall<_keyfrag_v1_ForgetLeaseRequest__Output, _keyfrag_v1_Lease>;
  
  GetDynamicSecret: grpc.handleUnaryCall<_keyfrag_v1_GetDynamicSecretRequest__Output, _keyfrag_v1_DynamicSecret>;
  
  GetDynamicSecretValue: grpc.handleUnaryCall<_keyfrag_v1_GetDynamicSecretValueRequest__Output, _keyfrag_v1_GetDynamicSecretValueResponse>;
  
  GetLease: grpc.handleUnaryCall<_keyfrag_v1_GetLeaseRequest__Output, _keyfrag_v1_Lease>;
  
  GetSshCertificate: grpc.handleUnaryCall<_keyfrag_v1_GetSshCertificateRequest__Output, _keyfrag_v1_GetSshCertificateResponse>;
  
  GetTarget: grpc.handleUnaryCall<_keyfrag_v1_GetTargetRequest__Output, _keyfrag_v1_Target>;
  
  ListDynamicSecrets: grpc.handleUnaryCall<_keyfrag_v1_ListDynamicSecretsRequest__Output, _keyfrag_v1_ListDynamicSecretsResponse>;
  
  ListLeases: grpc.handleUnaryCall<_keyfrag_v1_ListLeasesRequest__Output, _keyfrag_v1_ListLeasesResponse>;
  
  ListTargets: grpc.handleUnaryCall<_keyfrag_v1_ListTargetsRequest__Output, _keyfrag_v1_ListTargetsResponse>;
  
  RenewLease: grpc.handleUnaryCall<_keyfrag_v1_RenewLeaseRequest__Output, _keyfrag_v1_Lease>;
  
  RevokeLease: grpc.handleUnaryCall<_keyfrag_v1_RevokeLeaseRequest__Output, _keyfrag_v1_Lease>;
  
  RevokeLeasesByPrefix: grpc.handleUnaryCall<_keyfrag_v1_RevokeLeasesByPrefixRequest__Output, _keyfrag_v1_RevokeLeasesByPrefixResponse>;
  
  RotateCustomPayload: grpc.handleUnaryCall<_keyfrag_v1_RotateCustomPayloadRequest__Output, _keyfrag_v1_DynamicSecret>;
  
  SweepOrphans: grpc.handleUnaryCall<_keyfrag_v1_SweepOrphansRequest__Output, _keyfrag_v1_SweepOrphansResponse>;
  
  UpdateDynamicSecret: grpc.handleUnaryCall<_keyfrag_v1_UpdateDynamicSecretRequest__Output, _keyfrag_v1_DynamicSecret>;
  
  UpdateTarget: grpc.handleUnaryCall<_keyfrag_v1_UpdateTargetRequest__Output, _keyfrag_v1_Target>;
  
}

export interface ProducersDefinition extends grpc.ServiceDefinition {
  CreateDynamicSecret: MethodDefinition<_keyfrag_v1_CreateDynamicSecretRequest, _keyfrag_v1_DynamicSecret, _keyfrag_v1_CreateDynamicSecretRequest__Output, _keyfrag_v1_DynamicSecret__Output>
  CreateTarget: MethodDefinition<_keyfrag_v1_CreateTargetRequest, _keyfrag_v1_Target, _keyfrag_v1_CreateTargetRequest__Output, _keyfrag_v1_Target__Output>
  DeleteDynamicSecret: MethodDefinition<_keyfrag_v1_DeleteDynamicSecretRequest, _keyfrag_v1_DynamicSecret, _keyfrag_v1_DeleteDynamicSecretRequest__Output, _keyfrag_v1_DynamicSecret__Output>
  DeleteTarget: MethodDefinition<_keyfrag_v1_DeleteTargetRequest, _keyfrag_v1_Target, _keyfrag_v1_DeleteTargetRequest__Output, _keyfrag_v1_Target__Output>
  ForgetLease: MethodDefinition<_keyfrag_v1_ForgetLeaseRequest, _keyfrag_v1_Lease, _keyfrag_v1_ForgetLeaseRequest__Output, _keyfrag_v1_Lease__Output>
  GetDynamicSecret: MethodDefinition<_keyfrag_v1_GetDynamicSecretRequest, _keyfrag_v1_DynamicSecret, _keyfrag_v1_GetDynamicSecretRequest__Output, _keyfrag_v1_DynamicSecret__Output>
  GetDynamicSecretValue: MethodDefinition<_keyfrag_v1_GetDynamicSecretValueRequest, _keyfrag_v1_GetDynamicSecretValueResponse, _keyfrag_v1_GetDynamicSecretValueRequest__Output, _keyfrag_v1_GetDynamicSecretValueResponse__Output>
  GetLease: MethodDefinition<_keyfrag_v1_GetLeaseRequest, _keyfrag_v1_Lease, _keyfrag_v1_GetLeaseRequest__Output, _keyfrag_v1_Lease__Output>
  GetSshCertificate: MethodDefinition<_keyfrag_v1_GetSshCertificateRequest, _keyfrag_v1_GetSshCertificateResponse, _keyfrag_v1_GetSshCertificateRequest__Output, _keyfrag_v1_GetSshCertificateResponse__Output>
  GetTarget: MethodDefinition<_keyfrag_v1_GetTargetRequest, _keyfrag_v1_Target, _keyfrag_v1_GetTargetRequest__Output, _keyfrag_v1_Target__Output>
  ListDynamicSecrets: MethodDefinition<_keyfrag_v1_ListDynamicSecretsRequest, _keyfrag_v1_ListDynamicSecretsResponse, _keyfrag_v1_ListDynamicSecretsRequest__Output, _keyfrag_v1_ListDynamicSecretsResponse__Output>
  ListLeases: MethodDefinition<_keyfrag_v1_ListLeasesRequest, _keyfrag_v1_ListLeasesResponse, _keyfrag_v1_ListLeasesRequest__Output, _keyfrag_v1_ListLeasesResponse__Output>
  ListTargets: MethodDefinition<_keyfrag_v1_ListTargetsRequest, _keyfrag_v1_ListTargetsResponse, _keyfrag_v1_ListTargetsRequest__Output, _keyfrag_v1_ListTargetsResponse__Output>
  RenewLease: MethodDefinition<_keyfrag_v1_RenewLeaseRequest, _keyfrag_v1_Lease, _keyfrag_v1_RenewLeaseRequest__Output, _keyfrag_v1_Lease__Output>
  RevokeLease: MethodDefinition<_keyfrag_v1_RevokeLeaseRequest, _keyfrag_v1_Lease, _keyfrag_v1_RevokeLeaseRequest__Output, _keyfrag_v1_Lease__Output>
  RevokeLeasesByPrefix: MethodDefinition<_keyfrag_v1_RevokeLeasesByPrefixRequest, _keyfrag_v1_RevokeLeasesByPrefixResponse, _keyfrag_v1_RevokeLeasesByPrefixRequest__Output, _keyfrag_v1_RevokeLeasesByPrefixResponse__Output>
  RotateCustomPayload: MethodDefinition<_keyfrag_v1_RotateCustomPayloadRequest, _keyfrag_v1_DynamicSecret, _keyfrag_v1_RotateCustomPayloadRequest__Output, _keyfrag_v1_DynamicSecret__Output>
  SweepOrphans: MethodDefinition<_keyfrag_v1_SweepOrphansRequest, _keyfrag_v1_SweepOrphansResponse, _keyfrag_v1_SweepOrphansRequest__Output, _keyfrag_v1_SweepOrphansResponse__Output>
  UpdateDynamicSecret: MethodDefinition<_keyfrag_v1_UpdateDynamicSecretRequest, _keyfrag_v1_DynamicSecret, _keyfrag_v1_UpdateDynamicSecretRequest__Output, _keyfrag_v1_DynamicSecret__Output>
  UpdateTarget: MethodDefinition<_keyfrag_v1_UpdateTargetRequest, _keyfrag_v1_Target, _keyfrag_v1_UpdateTargetRequest__Output, _keyfrag_v1_Target__Output>
}
