import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { ClusterStatusRequest as _keyfrag_v1_ClusterStatusRequest, ClusterStatusRequest__Output as _keyfrag_v1_ClusterStatusRequest__Output } from './keyfrag/v1/ClusterStatusRequest.js';
import type { ClusterStatusResponse as _keyfrag_v1_ClusterStatusResponse, ClusterStatusResponse__Output as _keyfrag_v1_ClusterStatusResponse__Output } from './keyfrag/v1/ClusterStatusResponse.js';
import type { CoordinatorClient as _keyfrag_v1_CoordinatorClient, CoordinatorDefinition as _keyfrag_v1_CoordinatorDefinition } from './keyfrag/v1/Coordinator.js';
import type { CreateKeyRequest as _keyfrag_v1_CreateKeyRequest, CreateKeyRequest__Output as _keyfrag_v1_CreateKeyRequest__Output } from './keyfrag/v1/CreateKeyRequest.js';
import type { GetKeyRequest as _keyfrag_v1_GetKeyRequest, GetKeyRequest__Output as _keyfrag_v1_GetKeyRequest__Output } from './keyfrag/v1/GetKeyRequest.js';
import type { Identity as _keyfrag_v1_Identity, Identity__Output as _keyfrag_v1_Identity__Output } from './keyfrag/v1/Identity.js';
import type { KeyEpochInfo as _keyfrag_v1_KeyEpochInfo, KeyEpochInfo__Output as _keyfrag_v1_KeyEpochInfo__Output } from './keyfrag/v1/KeyEpochInfo.js';
import type { KeyInfo as _keyfrag_v1_KeyInfo, KeyInfo__Output as _keyfrag_v1_KeyInfo__Output } from './keyfrag/v1/KeyInfo.js';
import type { KeyPublicData as _keyfrag_v1_KeyPublicData, KeyPublicData__Output as _keyfrag_v1_KeyPublicData__Output } from './keyfrag/v1/KeyPublicData.js';
import type { KeyRef as _keyfrag_v1_KeyRef, KeyRef__Output as _keyfrag_v1_KeyRef__Output } from './keyfrag/v1/KeyRef.js';
import type { KeySummary as _keyfrag_v1_KeySummary, KeySummary__Output as _keyfrag_v1_KeySummary__Output } from './keyfrag/v1/KeySummary.js';
import type { NodeInfo as _keyfrag_v1_NodeInfo, NodeInfo__Output as _keyfrag_v1_NodeInfo__Output } from './keyfrag/v1/NodeInfo.js';
import type { Participant as _keyfrag_v1_Participant, Participant__Output as _keyfrag_v1_Participant__Output } from './keyfrag/v1/Participant.js';
import type { RefreshKeyRequest as _keyfrag_v1_RefreshKeyRequest, RefreshKeyRequest__Output as _keyfrag_v1_RefreshKeyRequest__Output } from './keyfrag/v1/RefreshKeyRequest.js';
import type { RefreshKeyResponse as _keyfrag_v1_RefreshKeyResponse, RefreshKeyResponse__Output as _keyfrag_v1_RefreshKeyResponse__Output } from './keyfrag/v1/RefreshKeyResponse.js';
import type { Replica as _keyfrag_v1_Replica, Replica__Output as _keyfrag_v1_Replica__Output } from './keyfrag/v1/Replica.js';
import type { RotateKeyVersionRequest as _keyfrag_v1_RotateKeyVersionRequest, RotateKeyVersionRequest__Output as _keyfrag_v1_RotateKeyVersionRequest__Output } from './keyfrag/v1/RotateKeyVersionRequest.js';
import type { ServiceHealth as _keyfrag_v1_ServiceHealth, ServiceHealth__Output as _keyfrag_v1_ServiceHealth__Output } from './keyfrag/v1/ServiceHealth.js';
import type { SlotPlacement as _keyfrag_v1_SlotPlacement, SlotPlacement__Output as _keyfrag_v1_SlotPlacement__Output } from './keyfrag/v1/SlotPlacement.js';
import type { StringList as _keyfrag_v1_StringList, StringList__Output as _keyfrag_v1_StringList__Output } from './keyfrag/v1/StringList.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  keyfrag: {
    v1: {
      ClusterStatusRequest: MessageTypeDefinition<_keyfrag_v1_ClusterStatusRequest, _keyfrag_v1_ClusterStatusRequest__Output>
      ClusterStatusResponse: MessageTypeDefinition<_keyfrag_v1_ClusterStatusResponse, _keyfrag_v1_ClusterStatusResponse__Output>
      Coordinator: SubtypeConstructor<typeof grpc.Client, _keyfrag_v1_CoordinatorClient> & { service: _keyfrag_v1_CoordinatorDefinition }
      CreateKeyRequest: MessageTypeDefinition<_keyfrag_v1_CreateKeyRequest, _keyfrag_v1_CreateKeyRequest__Output>
      GetKeyRequest: MessageTypeDefinition<_keyfrag_v1_GetKeyRequest, _keyfrag_v1_GetKeyRequest__Output>
      Identity: MessageTypeDefinition<_keyfrag_v1_Identity, _keyfrag_v1_Identity__Output>
      KeyAlgorithm: EnumTypeDefinition
      KeyEpochInfo: MessageTypeDefinition<_keyfrag_v1_KeyEpochInfo, _keyfrag_v1_KeyEpochInfo__Output>
      KeyInfo: MessageTypeDefinition<_keyfrag_v1_KeyInfo, _keyfrag_v1_KeyInfo__Output>
      KeyPublicData: MessageTypeDefinition<_keyfrag_v1_KeyPublicData, _keyfrag_v1_KeyPublicData__Output>
      KeyRef: MessageTypeDefinition<_keyfrag_v1_KeyRef, _keyfrag_v1_KeyRef__Output>
      KeySummary: MessageTypeDefinition<_keyfrag_v1_KeySummary, _keyfrag_v1_KeySummary__Output>
      NodeInfo: MessageTypeDefinition<_keyfrag_v1_NodeInfo, _keyfrag_v1_NodeInfo__Output>
      Participant: MessageTypeDefinition<_keyfrag_v1_Participant, _keyfrag_v1_Participant__Output>
      RefreshKeyRequest: MessageTypeDefinition<_keyfrag_v1_RefreshKeyRequest, _keyfrag_v1_RefreshKeyRequest__Output>
      RefreshKeyResponse: MessageTypeDefinition<_keyfrag_v1_RefreshKeyResponse, _keyfrag_v1_RefreshKeyResponse__Output>
      Replica: MessageTypeDefinition<_keyfrag_v1_Replica, _keyfrag_v1_Replica__Output>
      RotateKeyVersionRequest: MessageTypeDefinition<_keyfrag_v1_RotateKeyVersionRequest, _keyfrag_v1_RotateKeyVersionRequest__Output>
      ServiceHealth: MessageTypeDefinition<_keyfrag_v1_ServiceHealth, _keyfrag_v1_ServiceHealth__Output>
      SlotPlacement: MessageTypeDefinition<_keyfrag_v1_SlotPlacement, _keyfrag_v1_SlotPlacement__Output>
      StringList: MessageTypeDefinition<_keyfrag_v1_StringList, _keyfrag_v1_StringList__Output>
      Suite: EnumTypeDefinition
    }
  }
}

