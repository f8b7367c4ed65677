import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { CatchUpRequest as _keyfrag_v1_CatchUpRequest, CatchUpRequest__Output as _keyfrag_v1_CatchUpRequest__Output } from './keyfrag/v1/CatchUpRequest.js';
import type { CatchUpResponse as _keyfrag_v1_CatchUpResponse, CatchUpResponse__Output as _keyfrag_v1_CatchUpResponse__Output } from './keyfrag/v1/CatchUpResponse.js';
import type { DiscardKeyRequest as _keyfrag_v1_DiscardKeyRequest, DiscardKeyRequest__Output as _keyfrag_v1_DiscardKeyRequest__Output } from './keyfrag/v1/DiscardKeyRequest.js';
import type { DiscardKeyResponse as _keyfrag_v1_DiscardKeyResponse, DiscardKeyResponse__Output as _keyfrag_v1_DiscardKeyResponse__Output } from './keyfrag/v1/DiscardKeyResponse.js';
import type { DkgFinishRequest as _keyfrag_v1_DkgFinishRequest, DkgFinishRequest__Output as _keyfrag_v1_DkgFinishRequest__Output } from './keyfrag/v1/DkgFinishRequest.js';
import type { DkgFinishResponse as _keyfrag_v1_DkgFinishResponse, DkgFinishResponse__Output as _keyfrag_v1_DkgFinishResponse__Output } from './keyfrag/v1/DkgFinishResponse.js';
import type { DkgRound1Message as _keyfrag_v1_DkgRound1Message, DkgRound1Message__Output as _keyfrag_v1_DkgRound1Message__Output } from './keyfrag/v1/DkgRound1Message.js';
import type { DkgRound1Request as _keyfrag_v1_DkgRound1Request, DkgRound1Request__Output as _keyfrag_v1_DkgRound1Request__Output } from './keyfrag/v1/DkgRound1Request.js';
import type { DkgRound1Response as _keyfrag_v1_DkgRound1Response, DkgRound1Response__Output as _keyfrag_v1_DkgRound1Response__Output } from './keyfrag/v1/DkgRound1Response.js';
import type { DkgRound2Package as _keyfrag_v1_DkgRound2Package, DkgRound2Package__Output as _keyfrag_v1_DkgRound2Package__Output } from './keyfrag/v1/DkgRound2Package.js';
import type { DkgRound2Request as _keyfrag_v1_DkgRound2Request, DkgRound2Request__Output as _keyfrag_v1_DkgRound2Request__Output } from './keyfrag/v1/DkgRound2Request.js';
import type { DkgRound2Response as _keyfrag_v1_DkgRound2Response, DkgRound2Response__Output as _keyfrag_v1_DkgRound2Response__Output } from './keyfrag/v1/DkgRound2Response.js';
import type { EvaluateRequest as _keyfrag_v1_EvaluateRequest, EvaluateRequest__Output as _keyfrag_v1_EvaluateRequest__Output } from './keyfrag/v1/EvaluateRequest.js';
import type { EvaluateResponse as _keyfrag_v1_EvaluateResponse, EvaluateResponse__Output as _keyfrag_v1_EvaluateResponse__Output } from './keyfrag/v1/EvaluateResponse.js';
import type { ExportFragmentRequest as _keyfrag_v1_ExportFragmentRequest, ExportFragmentRequest__Output as _keyfrag_v1_ExportFragmentRequest__Output } from './keyfrag/v1/ExportFragmentRequest.js';
import type { ExportFragmentResponse as _keyfrag_v1_ExportFragmentResponse, ExportFragmentResponse__Output as _keyfrag_v1_ExportFragmentResponse__Output } from './keyfrag/v1/ExportFragmentResponse.js';
import type { FragmentManagerClient as _keyfrag_v1_FragmentManagerClient, FragmentManagerDefinition as _keyfrag_v1_FragmentManagerDefinition } from './keyfrag/v1/FragmentManager.js';
import type { HeldKey as _keyfrag_v1_HeldKey, HeldKey__Output as _keyfrag_v1_HeldKey__Output } from './keyfrag/v1/HeldKey.js';
import type { HeldKeySet as _keyfrag_v1_HeldKeySet, HeldKeySet__Output as _keyfrag_v1_HeldKeySet__Output } from './keyfrag/v1/HeldKeySet.js';
import type { HeldKeysRequest as _keyfrag_v1_HeldKeysRequest, HeldKeysRequest__Output as _keyfrag_v1_HeldKeysRequest__Output } from './keyfrag/v1/HeldKeysRequest.js';
import type { HeldKeysResponse as _keyfrag_v1_HeldKeysResponse, HeldKeysResponse__Output as _keyfrag_v1_HeldKeysResponse__Output } from './keyfrag/v1/HeldKeysResponse.js';
import type { Identity as _keyfrag_v1_Identity, Identity__Output as _keyfrag_v1_Identity__Output } from './keyfrag/v1/Identity.js';
import type { KeyEpoch as _keyfrag_v1_KeyEpoch, KeyEpoch__Output as _keyfrag_v1_KeyEpoch__Output } from './keyfrag/v1/KeyEpoch.js';
import type { KeyPublicData as _keyfrag_v1_KeyPublicData, KeyPublicData__Output as _keyfrag_v1_KeyPublicData__Output } from './keyfrag/v1/KeyPublicData.js';
import type { KeyRef as _keyfrag_v1_KeyRef, KeyRef__Output as _keyfrag_v1_KeyRef__Output } from './keyfrag/v1/KeyRef.js';
import type { NodeStatusRequest as _keyfrag_v1_NodeStatusRequest, NodeStatusRequest__Output as _keyfrag_v1_NodeStatusRequest__Output } from './keyfrag/v1/NodeStatusRequest.js';
import type { NodeStatusResponse as _keyfrag_v1_NodeStatusResponse, NodeStatusResponse__Output as _keyfrag_v1_NodeStatusResponse__Output } from './keyfrag/v1/NodeStatusResponse.js';
import type { NonceCommitment as _keyfrag_v1_NonceCommitment, NonceCommitment__Output as _keyfrag_v1_NonceCommitment__Output } from './keyfrag/v1/NonceCommitment.js';
import type { Participant as _keyfrag_v1_Participant, Participant__Output as _keyfrag_v1_Participant__Output } from './keyfrag/v1/Participant.js';
import type { PreprocessedNonce as _keyfrag_v1_PreprocessedNonce, PreprocessedNonce__Output as _keyfrag_v1_PreprocessedNonce__Output } from './keyfrag/v1/PreprocessedNonce.js';
import type { RefreshAbortRequest as _keyfrag_v1_RefreshAbortRequest, RefreshAbortRequest__Output as _keyfrag_v1_RefreshAbortRequest__Output } from './keyfrag/v1/RefreshAbortRequest.js';
import type { RefreshAbortResponse as _keyfrag_v1_RefreshAbortResponse, RefreshAbortResponse__Output as _keyfrag_v1_RefreshAbortResponse__Output } from './keyfrag/v1/RefreshAbortResponse.js';
import type { RefreshCommitRequest as _keyfrag_v1_RefreshCommitRequest, RefreshCommitRequest__Output as _keyfrag_v1_RefreshCommitRequest__Output } from './keyfrag/v1/RefreshCommitRequest.js';
import type { RefreshCommitResponse as _keyfrag_v1_RefreshCommitResponse, RefreshCommitResponse__Output as _keyfrag_v1_RefreshCommitResponse__Output } from './keyfrag/v1/RefreshCommitResponse.js';
import type { RefreshDealRequest as _keyfrag_v1_RefreshDealRequest, RefreshDealRequest__Output as _keyfrag_v1_RefreshDealRequest__Output } from './keyfrag/v1/RefreshDealRequest.js';
import type { RefreshDealResponse as _keyfrag_v1_RefreshDealResponse, RefreshDealResponse__Output as _keyfrag_v1_RefreshDealResponse__Output } from './keyfrag/v1/RefreshDealResponse.js';
import type { RefreshDealing as _keyfrag_v1_RefreshDealing, RefreshDealing__Output as _keyfrag_v1_RefreshDealing__Output } from './keyfrag/v1/RefreshDealing.js';
import type { RefreshPrepareRequest as _keyfrag_v1_RefreshPrepareRequest, RefreshPrepareRequest__Output as _keyfrag_v1_RefreshPrepareRequest__Output } from './keyfrag/v1/RefreshPrepareRequest.js';
import type { RefreshPrepareResponse as _keyfrag_v1_RefreshPrepareResponse, RefreshPrepareResponse__Output as _keyfrag_v1_RefreshPrepareResponse__Output } from './keyfrag/v1/RefreshPrepareResponse.js';
import type { SealedSubShare as _keyfrag_v1_SealedSubShare, SealedSubShare__Output as _keyfrag_v1_SealedSubShare__Output } from './keyfrag/v1/SealedSubShare.js';
import type { SignCommitRequest as _keyfrag_v1_SignCommitRequest, SignCommitRequest__Output as _keyfrag_v1_SignCommitRequest__Output } from './keyfrag/v1/SignCommitRequest.js';
import type { SignCommitResponse as _keyfrag_v1_SignCommitResponse, SignCommitResponse__Output as _keyfrag_v1_SignCommitResponse__Output } from './keyfrag/v1/SignCommitResponse.js';
import type { SignPreprocessRequest as _keyfrag_v1_SignPreprocessRequest, SignPreprocessRequest__Output as _keyfrag_v1_SignPreprocessRequest__Output } from './keyfrag/v1/SignPreprocessRequest.js';
import type { SignPreprocessResponse as _keyfrag_v1_SignPreprocessResponse, SignPreprocessResponse__Output as _keyfrag_v1_SignPreprocessResponse__Output } from './keyfrag/v1/SignPreprocessResponse.js';
import type { SignShareRequest as _keyfrag_v1_SignShareRequest, SignShareRequest__Output as _keyfrag_v1_SignShareRequest__Output } from './keyfrag/v1/SignShareRequest.js';
import type { SignShareResponse as _keyfrag_v1_SignShareResponse, SignShareResponse__Output as _keyfrag_v1_SignShareResponse__Output } from './keyfrag/v1/SignShareResponse.js';
import type { StringList as _keyfrag_v1_StringList, StringList__Output as _keyfrag_v1_StringList__Output } from './keyfrag/v1/StringList.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  keyfrag: {
    v1: {
      CatchUpRequest: MessageTypeDefinition<_keyfrag_v1_CatchUpRequest, _keyfrag_v1_CatchUpRequest__Output>
      CatchUpResponse: MessageTypeDefinition<_keyfrag_v1_CatchUpResponse, _keyfrag_v1_CatchUpResponse__Output>
      DiscardKeyRequest: MessageTypeDefinition<_keyfrag_v1_DiscardKeyRequest, _keyfrag_v1_DiscardKeyRequest__Output>
      DiscardKeyResponse: MessageTypeDefinition<_keyfrag_v1_DiscardKeyResponse, _keyfrag_v1_DiscardKeyResponse__Output>
      DkgFinishRequest: MessageTypeDefinition<_keyfrag_v1_DkgFinishRequest, _keyfrag_v1_DkgFinishRequest__Output>
      DkgFinishResponse: MessageTypeDefinition<_keyfrag_v1_DkgFinishResponse, _keyfrag_v1_DkgFinishResponse__Output>
      DkgRound1Message: MessageTypeDefinition<_keyfrag_v1_DkgRound1Message, _keyfrag_v1_DkgRound1Message__Output>
      DkgRound1Request: MessageTypeDefinition<_keyfrag_v1_DkgRound1Request, _keyfrag_v1_DkgRound1Request__Output>
      DkgRound1Response: MessageTypeDefinition<_keyfrag_v1_DkgRound1Response, _keyfrag_v1_DkgRound1Response__Output>
      DkgRound2Package: MessageTypeDefinition<_keyfrag_v1_DkgRound2Package, _keyfrag_v1_DkgRound2Package__Output>
      DkgRound2Request: MessageTypeDefinition<_keyfrag_v1_DkgRound2Request, _keyfrag_v1_DkgRound2Request__Output>
      DkgRound2Response: MessageTypeDefinition<_keyfrag_v1_DkgRound2Response, _keyfrag_v1_DkgRound2Response__Output>
      EvaluateRequest: MessageTypeDefinition<_keyfrag_v1_EvaluateRequest, _keyfrag_v1_EvaluateRequest__Output>
      EvaluateResponse: MessageTypeDefinition<_keyfrag_v1_EvaluateResponse, _keyfrag_v1_EvaluateResponse__Output>
      ExportFragmentRequest: MessageTypeDefinition<_keyfrag_v1_ExportFragmentRequest, _keyfrag_v1_ExportFragmentRequest__Output>
      ExportFragmentResponse: MessageTypeDefinition<_keyfrag_v1_ExportFragmentResponse, _keyfrag_v1_ExportFragmentResponse__Output>
      FragmentManager: SubtypeConstructor<typeof grpc.Client, _keyfrag_v1_FragmentManagerClient> & { service: _keyfrag_v1_FragmentManagerDefinition }
      HeldKey: MessageTypeDefinition<_keyfrag_v1_HeldKey, _keyfrag_v1_HeldKey__Output>
      HeldKeySet: MessageTypeDefinition<_keyfrag_v1_HeldKeySet, _keyfrag_v1_HeldKeySet__Output>
      HeldKeysRequest: MessageTypeDefinition<_keyfrag_v1_HeldKeysRequest, _keyfrag_v1_HeldKeysRequest__Output>
      HeldKeysResponse: MessageTypeDefinition<_keyfrag_v1_HeldKeysResponse, _keyfrag_v1_HeldKeysResponse__Output>
      Identity: MessageTypeDefinition<_keyfrag_v1_Identity, _keyfrag_v1_Identity__Output>
      KeyEpoch: MessageTypeDefinition<_keyfrag_v1_KeyEpoch, _keyfrag_v1_KeyEpoch__Output>
      KeyPublicData: MessageTypeDefinition<_keyfrag_v1_KeyPublicData, _keyfrag_v1_KeyPublicData__Output>
      KeyRef: MessageTypeDefinition<_keyfrag_v1_KeyRef, _keyfrag_v1_KeyRef__Output>
      NodeStatusRequest: MessageTypeDefinition<_keyfrag_v1_NodeStatusRequest, _keyfrag_v1_NodeStatusRequest__Output>
      NodeStatusResponse: MessageTypeDefinition<_keyfrag_v1_NodeStatusResponse, _keyfrag_v1_NodeStatusResponse__Output>
      NonceCommitment: MessageTypeDefinition<_keyfrag_v1_NonceCommitment, _keyfrag_v1_NonceCommitment__Output>
      Participant: MessageTypeDefinition<_keyfrag_v1_Participant, _keyfrag_v1_Participant__Output>
      PreprocessedNonce: MessageTypeDefinition<_keyfrag_v1_PreprocessedNonce, _keyfrag_v1_PreprocessedNonce__Output>
      RefreshAbortRequest: MessageTypeDefinition<_keyfrag_v1_RefreshAbortRequest, _keyfrag_v1_RefreshAbortRequest__Output>
      RefreshAbortResponse: MessageTypeDefinition<_keyfrag_v1_RefreshAbortResponse, _keyfrag_v1_RefreshAbortResponse__Output>
      RefreshCommitRequest: MessageTypeDefinition<_keyfrag_v1_RefreshCommitRequest, _keyfrag_v1_RefreshCommitRequest__Output>
      RefreshCommitResponse: MessageTypeDefinition<_keyfrag_v1_RefreshCommitResponse, _keyfrag_v1_RefreshCommitResponse__Output>
      RefreshDealRequest: MessageTypeDefinition<_keyfrag_v1_RefreshDealRequest, _keyfrag_v1_RefreshDealRequest__Output>
      RefreshDealResponse: MessageTypeDefinition<_keyfrag_v1_RefreshDealResponse, _keyfrag_v1_RefreshDealResponse__Output>
      RefreshDealing: MessageTypeDefinition<_keyfrag_v1_RefreshDealing, _keyfrag_v1_RefreshDealing__Output>
      RefreshPrepareRequest: MessageTypeDefinition<_keyfrag_v1_RefreshPrepareRequest, _keyfrag_v1_RefreshPrepareRequest__Output>
      RefreshPrepareResponse: MessageTypeDefinition<_keyfrag_v1_RefreshPrepareResponse, _keyfrag_v1_RefreshPrepareResponse__Output>
      SealedSubShare: MessageTypeDefinition<_keyfrag_v1_SealedSubShare, _keyfrag_v1_SealedSubShare__Output>
      SignCommitRequest: MessageTypeDefinition<_keyfrag_v1_SignCommitRequest, _keyfrag_v1_SignCommitRequest__Output>
      SignCommitResponse: MessageTypeDefinition<_keyfrag_v1_SignCommitResponse, _keyfrag_v1_SignCommitResponse__Output>
      SignPreprocessRequest: MessageTypeDefinition<_keyfrag_v1_SignPreprocessRequest, _keyfrag_v1_SignPreprocessRequest__Output>
      SignPreprocessResponse: MessageTypeDefinition<_keyfrag_v1_SignPreprocessResponse, _keyfrag_v1_SignPreprocessResponse__Output>
      SignShareRequest: MessageTypeDefinition<_keyfrag_v1_SignShareRequest, _keyfrag_v1_SignShareRequest__Output>
      SignShareResponse: MessageTypeDefinition<_keyfrag_v1_SignShareResponse, _keyfrag_v1_SignShareResponse__Output>
      StringList: MessageTypeDefinition<_keyfrag_v1_StringList, _keyfrag_v1_StringList__Output>
      Suite: EnumTypeDefinition
    }
  }
}

