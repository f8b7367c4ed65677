// Original file: keyfrag/v1/fragment.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CatchUpRequest as _keyfrag_v1_CatchUpRequest, CatchUpRequest__Output as _keyfrag_v1_CatchUpRequest__Output } from '../../keyfrag/v1/CatchUpRequest.js';
import type { CatchUpResponse as _keyfrag_v1_CatchUpResponse, CatchUpResponse__Output as _keyfrag_v1_CatchUpResponse__Output } from '../../keyfrag/v1/CatchUpResponse.js';
import type { DiscardKeyRequest as _keyfrag_v1_DiscardKeyRequest, DiscardKeyRequest__Output as _keyfrag_v1_DiscardKeyRequest__Output } from '../../keyfrag/v1/DiscardKeyRequest.js';
import type { DiscardKeyResponse as _keyfrag_v1_DiscardKeyResponse, DiscardKeyResponse__Output as _keyfrag_v1_DiscardKeyResponse__Output } from '../../keyfrag/v1/DiscardKeyResponse.js';
import type { DkgFinishRequest as _keyfrag_v1_DkgFinishRequest, DkgFinishRequest__Output as _keyfrag_v1_DkgFinishRequest__Output } from '../../keyfrag/v1/DkgFinishRequest.js';
import type { DkgFinishResponse as _keyfrag_v1_DkgFinishResponse, DkgFinishResponse__Output as _keyfrag_v1_DkgFinishResponse__Output } from '../../keyfrag/v1/DkgFinishResponse.js';
import type { DkgRound1Request as _keyfrag_v1_DkgRound1Request, DkgRound1Request__Output as _keyfrag_v1_DkgRound1Request__Output } from '../../keyfrag/v1/DkgRound1Request.js';
import type { DkgRound1Response as _keyfrag_v1_DkgRound1Response, DkgRound1Response__Output as _keyfrag_v1_DkgRound1Response__Output } from '../../keyfrag/v1/DkgRound1Response.js';
import type { DkgRound2Request as _keyfrag_v1_DkgRound2Request, DkgRound2Request__Output as _keyfrag_v1_DkgRound2Request__Output } from '../../keyfrag/v1/DkgRound2Request.js';
import type { DkgRound2Response as _keyfrag_v1_DkgRound2Response, DkgRound2Response__Output as _keyfrag_v1_DkgRound2Response__Output } from '../../keyfrag/v1/DkgRound2Response.js';
import type { EvaluateRequest as _keyfrag_v1_EvaluateRequest, EvaluateRequest__Output as _keyfrag_v1_EvaluateRequest__Output } from '../../keyfrag/v1/EvaluateRequest.js';
import type { EvaluateResponse as _keyfrag_v1_EvaluateResponse, EvaluateResponse__Output as _keyfrag_v1_EvaluateResponse__Output } from '../../keyfrag/v1/EvaluateResponse.js';
import type { ExportFragmentRequest as _keyfrag_v1_ExportFragmentRequest, ExportFragmentRequest__Output as _keyfrag_v1_ExportFragmentRequest__Output } from '../../keyfrag/v1/ExportFragmentRequest.js';
import type { ExportFragmentResponse as _keyfrag_v1_ExportFragmentResponse, ExportFragmentResponse__Output as _keyfrag_v1_ExportFragmentResponse__Output } from '../../keyfrag/v1/ExportFragmentResponse.js';
import type { HeldKeysRequest as _keyfrag_v1_HeldKeysRequest, HeldKeysRequest__Output as _keyfrag_v1_HeldKeysRequest__Output } from '../../keyfrag/v1/HeldKeysRequest.js';
import type { HeldKeysResponse as _keyfrag_v1_HeldKeysResponse, HeldKeysResponse__Output as _keyfrag_v1_HeldKeysResponse__Output } from '../../keyfrag/v1/HeldKeysResponse.js';
import type { NodeStatusRequest as _keyfrag_v1_NodeStatusRequest, NodeStatusRequest__Output as _keyfrag_v1_NodeStatusRequest__Output } from '../../keyfrag/v1/NodeStatusRequest.js';
import type { NodeStatusResponse as _keyfrag_v1_NodeStatusResponse, NodeStatusResponse__Output as _keyfrag_v1_NodeStatusResponse__Output } from '../../keyfrag/v1/NodeStatusResponse.js';
import type { RefreshAbortRequest as _keyfrag_v1_RefreshAbortRequest, RefreshAbortRequest__Output as _keyfrag_v1_RefreshAbortRequest__Output } from '../../keyfrag/v1/RefreshAbortRequest.js';
import type { RefreshAbortResponse as _keyfrag_v1_RefreshAbortResponse, RefreshAbortResponse__Output as _keyfrag_v1_RefreshAbortResponse__Output } from '../../keyfrag/v1/RefreshAbortResponse.js';
import type { RefreshCommitRequest as _keyfrag_v1_RefreshCommitRequest, RefreshCommitRequest__Output as _keyfrag_v1_RefreshCommitRequest__Output } from '../../keyfrag/v1/RefreshCommitRequest.js';
import type { RefreshCommitResponse as _keyfrag_v1_RefreshCommitResponse, RefreshCommitResponse__Output as _keyfrag_v1_RefreshCommitResponse__Output } from '../../keyfrag/v1/RefreshCommitResponse.js';
import type { RefreshDealRequest as _keyfrag_v1_RefreshDealRequest, RefreshDealRequest__Output as _keyfrag_v1_RefreshDealRequest__Output } from '../../keyfrag/v1/RefreshDealRequest.js';
import type { RefreshDealResponse as _keyfrag_v1_RefreshDealResponse, RefreshDealResponse__Output as _keyfrag_v1_RefreshDealResponse__Output } from '../../keyfrag/v1/RefreshDealResponse.js';
import type { RefreshPrepareRequest as _keyfrag_v1_RefreshPrepareRequest, RefreshPrepareRequest__Output as _keyfrag_v1_RefreshPrepareRequest__Output } from '../../keyfrag/v1/RefreshPrepareRequest.js';
import type { RefreshPrepareResponse as _keyfrag_v1_RefreshPrepareResponse, RefreshPrepareResponse__Output as _keyfrag_v1_RefreshPrepareResponse__Output } from '../../keyfrag/v1/RefreshPrepareResponse.js';
import type { SignCommitRequest as _keyfrag_v1_SignCommitRequest, SignCommitRequest__Output as _keyfrag_v1_SignCommitRequest__Output } from '../../keyfrag/v1/SignCommitRequest.js';
import type { SignCommitResponse as _keyfrag_v1_SignCommitResponse, SignCommitResponse__Output as _keyfrag_v1_SignCommitResponse__Output } from '../../keyfrag/v1/SignCommitResponse.js';
import type { SignPreprocessRequest as _keyfrag_v1_SignPreprocessRequest, SignPreprocessRequest__Output as _keyfrag_v1_SignPreprocessRequest__Output } from '../../keyfrag/v1/SignPreprocessRequest.js';
import type { SignPreprocessResponse as _keyfrag_v1_SignPreprocessResponse, SignPreprocessResponse__Output as _keyfrag_v1_SignPreprocessResponse__Output } from '../../keyfrag/v1/SignPreprocessResponse.js';
import type { SignShareRequest as _keyfrag_v1_SignShareRequest, SignShareRequest__Output as _keyfrag_v1_SignShareRequest__Output } from '../../keyfrag/v1/SignShareRequest.js';
import type { SignShareResponse as _keyfrag_v1_SignShareResponse, SignShareResponse__Output as _keyfrag_v1_SignShareResponse__Output } from '../../keyfrag/v1/SignShareResponse.js';

export interface FragmentManagerClient extends grpc.Client {
  CatchUp(argument: _keyfrag_v1_CatchUpRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_CatchUpResponse__Output>): grpc.ClientUnaryCall;
  CatchUp(argument: _keyfrag_v1_CatchUpRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_CatchUpResponse__Output>): grpc.ClientUnaryCall;
  CatchUp(argument: _keyfrag_v1_CatchUpRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_CatchUpResponse__Output>): grpc.ClientUnaryCall;
  CatchUp(argument: _keyfrag_v1_CatchUpRequest, callback: grpc.requestCallback<_keyfrag_v1_CatchUpResponse__Output>): grpc.ClientUnaryCall;
  catchUp(argument: _keyfrag_v1_CatchUpRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_CatchUpResponse__Output>): grpc.ClientUnaryCall;
  catchUp(argument: _keyfrag_v1_CatchUpRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_CatchUpResponse__Output>): grpc.ClientUnaryCall;
  catchUp(argument: _keyfrag_v1_CatchUpRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_CatchUpResponse__Output>): grpc.ClientUnaryCall;
  catchUp(argument: _keyfrag_v1_CatchUpRequest, callback: grpc.requestCallback<_keyfrag_v1_CatchUpResponse__Output>): grpc.ClientUnaryCall;
  
  DiscardKey(argument: _keyfrag_v1_DiscardKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DiscardKeyResponse__Output>): grpc.ClientUnaryCall;
  DiscardKey(argument: _keyfrag_v1_DiscardKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_DiscardKeyResponse__Output>): grpc.ClientUnaryCall;
  DiscardKey(argument: _keyfrag_v1_DiscardKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DiscardKeyResponse__Output>): grpc.ClientUnaryCall;
  DiscardKey(argument: _keyfrag_v1_DiscardKeyRequest, callback: grpc.requestCallback<_keyfrag_v1_DiscardKeyResponse__Output>): grpc.ClientUnaryCall;
  discardKey(argument: _keyfrag_v1_DiscardKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DiscardKeyResponse__Output>): grpc.ClientUnaryCall;
  discardKey(argument: _keyfrag_v1_DiscardKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_DiscardKeyResponse__Output>): grpc.ClientUnaryCall;
  discardKey(argument: _keyfrag_v1_DiscardKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DiscardKeyResponse__Output>): grpc.ClientUnaryCall;
  discardKey(argument: _keyfrag_v1_DiscardKeyRequest, callback: grpc.requestCallback<_keyfrag_v1_DiscardKeyResponse__Output>): grpc.ClientUnaryCall;
  
  DkgFinish(argument: _keyfrag_v1_DkgFinishRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DkgFinishResponse__Output>): grpc.ClientUnaryCall;
  DkgFinish(argument: _keyfrag_v1_DkgFinishRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_DkgFinishResponse__Output>): grpc.ClientUnaryCall;
  DkgFinish(argument: _keyfrag_v1_DkgFinishRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DkgFinishResponse__Output>): grpc.ClientUnaryCall;
  DkgFinish(argument: _keyfrag_v1_DkgFinishRequest, callback: grpc.requestCallback<_keyfrag_v1_DkgFinishResponse__Output>): grpc.ClientUnaryCall;
  dkgFinish(argument: _keyfrag_v1_DkgFinishRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DkgFinishResponse__Output>): grpc.ClientUnaryCall;
  dkgFinish(argument: _keyfrag_v1_DkgFinishRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_DkgFinishResponse__Output>): grpc.ClientUnaryCall;
  dkgFinish(argument: _keyfrag_v1_DkgFinishRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DkgFinishResponse__Output>): grpc.ClientUnaryCall;
  dkgFinish(argument: _keyfrag_v1_DkgFinishRequest, callback: grpc.requestCallback<_keyfrag_v1_DkgFinishResponse__Output>): grpc.ClientUnaryCall;
  
  DkgRound1(argument: _keyfrag_v1_DkgRound1Request, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DkgRound1Response__Output>): grpc.ClientUnaryCall;
  DkgRound1(argument: _keyfrag_v1_DkgRound1Request, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_DkgRound1Response__Output>): grpc.ClientUnaryCall;
  DkgRound1(argument: _keyfrag_v1_DkgRound1Request, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DkgRound1Response__Output>): grpc.ClientUnaryCall;
  DkgRound1(argument: _keyfrag_v1_DkgRound1Request, callback: grpc.requestCallback<_keyfrag_v1_DkgRound1Response__Output>): grpc.ClientUnaryCall;
  dkgRound1(argument: _keyfrag_v1_DkgRound1Request, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DkgRound1Response__Output>): grpc.ClientUnaryCall;
  dkgRound1(argument: _keyfrag_v1_DkgRound1Request, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_DkgRound1Response__Output>): grpc.ClientUnaryCall;
  dkgRound1(argument: _keyfrag_v1_DkgRound1Request, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DkgRound1Response__Output>): grpc.ClientUnaryCall;
  dkgRound1(argument: _keyfrag_v1_DkgRound1Request, callback: grpc.requestCallback<_keyfrag_v1_DkgRound1Response__Output>): grpc.ClientUnaryCall;
  
  DkgRound2(argument: _keyfrag_v1_DkgRound2Request, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DkgRound2Response__Output>): grpc.ClientUnaryCall;
  DkgRound2(argument: _keyfrag_v1_DkgRound2Request, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_DkgRound2Response__Output>): grpc.ClientUnaryCall;
  DkgRound2(argument: _keyfrag_v1_DkgRound2Request, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DkgRound2Response__Output>): grpc.ClientUnaryCall;
  DkgRound2(argument: _keyfrag_v1_DkgRound2Request, callback: grpc.requestCallback<_keyfrag_v1_DkgRound2Response__Output>): grpc.ClientUnaryCall;
  dkgRound2(argument: _keyfrag_v1_DkgRound2Request, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DkgRound2Response__Output>): grpc.ClientUnaryCall;
  dkgRound2(argument: _keyfrag_v1_DkgRound2Request, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_DkgRound2Response__Output>): grpc.ClientUnaryCall;
  dkgRound2(argument: _keyfrag_v1_DkgRound2Request, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_DkgRound2Response__Output>): grpc.ClientUnaryCall;
  dkgRound2(argument: _keyfrag_v1_DkgRound2Request, callback: grpc.requestCallback<_keyfrag_v1_DkgRound2Response__Output>): grpc.ClientUnaryCall;
  
  Evaluate(argument: _keyfrag_v1_EvaluateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_EvaluateResponse__Output>): grpc.ClientUnaryCall;
  Evaluate(argument: _keyfrag_v1_EvaluateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_EvaluateResponse__Output>): grpc.ClientUnaryCall;
  Evaluate(argument: _keyfrag_v1_EvaluateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_EvaluateResponse__Output>): grpc.ClientUnaryCall;
  Evaluate(argument: _keyfrag_v1_EvaluateRequest, callback: grpc.requestCallback<_keyfrag_v1_EvaluateResponse__Output>): grpc.ClientUnaryCall;
  evaluate(argument: _keyfrag_v1_EvaluateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_EvaluateResponse__Output>): grpc.ClientUnaryCall;
  evaluate(argument: _keyfrag_v1_EvaluateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_EvaluateResponse__Output>): grpc.ClientUnaryCall;
  evaluate(argument: _keyfrag_v1_EvaluateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_EvaluateResponse__Output>): grpc.ClientUnaryCall;
  evaluate(argument: _keyfrag_v1_EvaluateRequest, callback: grpc.requestCallback<_keyfrag_v1_EvaluateResponse__Output>): grpc.ClientUnaryCall;
  
  EvaluateBatch(argument: _keyfrag_v1_EvaluateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_EvaluateResponse__Output>): grpc.ClientUnaryCall;
  EvaluateBatch(argument: _keyfrag_v1_EvaluateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_EvaluateResponse__Output>): grpc.ClientUnaryCall;
  EvaluateBatch(argument: _keyfrag_v1_EvaluateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_EvaluateResponse__Output>): grpc.ClientUnaryCall;
  EvaluateBatch(argument: _keyfrag_v1_EvaluateRequest, callback: grpc.requestCallback<_keyfrag_v1_EvaluateResponse__Output>): grpc.ClientUnaryCall;
  evaluateBatch(argument: _keyfrag_v1_EvaluateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_EvaluateResponse__Output>): grpc.ClientUnaryCall;
  evaluateBatch(argument: _keyfrag_v1_EvaluateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_EvaluateResponse__Output>): grpc.ClientUnaryCall;
  evaluateBatch(argument: _keyfrag_v1_EvaluateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_EvaluateResponse__Output>): grpc.ClientUnaryCall;
  evaluateBatch(argument: _keyfrag_v1_EvaluateRequest, callback: grpc.requestCallback<_keyfrag_v1_EvaluateResponse__Output>): grpc.ClientUnaryCall;
  
  ExportFragment(argument: _keyfrag_v1_ExportFragmentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ExportFragmentResponse__Output>): grpc.ClientUnaryCall;
  ExportFragment(argument: _keyfrag_v1_ExportFragmentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_ExportFragmentResponse__Output>): grpc.ClientUnaryCall;
  ExportFragment(argument: _keyfrag_v1_ExportFragmentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ExportFragmentResponse__Output>): grpc.ClientUnaryCall;
  ExportFragment(argument: _keyfrag_v1_ExportFragmentRequest, callback: grpc.requestCallback<_keyfrag_v1_ExportFragmentResponse__Output>): grpc.ClientUnaryCall;
  exportFragment(argument: _keyfrag_v1_ExportFragmentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ExportFragmentResponse__Output>): grpc.ClientUnaryCall;
  exportFragment(argument: _keyfrag_v1_ExportFragmentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_ExportFragmentResponse__Output>): grpc.ClientUnaryCall;
  exportFragment(argument: _keyfrag_v1_ExportFragmentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_ExportFragmentResponse__Output>): grpc.ClientUnaryCall;
  exportFragment(argument: _keyfrag_v1_ExportFragmentRequest, callback: grpc.requestCallback<_keyfrag_v1_ExportFragmentResponse__Output>): grpc.ClientUnaryCall;
  
  HeldKeys(argument: _keyfrag_v1_HeldKeysRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_HeldKeysResponse__Output>): grpc.ClientUnaryCall;
  HeldKeys(argument: _keyfrag_v1_HeldKeysRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_HeldKeysResponse__Output>): grpc.ClientUnaryCall;
  HeldKeys(argument: _keyfrag_v1_HeldKeysRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_HeldKeysResponse__Output>): grpc.ClientUnaryCall;
  HeldKeys(argument: _keyfrag_v1_HeldKeysRequest, callback: grpc.requestCallback<_keyfrag_v1_HeldKeysResponse__Output>): grpc.ClientUnaryCall;
  heldKeys(argument: _keyfrag_v1_HeldKeysRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_HeldKeysResponse__Output>): grpc.ClientUnaryCall;
  heldKeys(argument: _keyfrag_v1_HeldKeysRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_HeldKeysResponse__Output>): grpc.ClientUnaryCall;
  heldKeys(argument: _keyfrag_v1_HeldKeysRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_HeldKeysResponse__Output>): grpc.ClientUnaryCall;
  heldKeys(argument: _keyfrag_v1_HeldKeysRequest, callback: grpc.requestCallback<_keyfrag_v1_HeldKeysResponse__Output>): grpc.ClientUnaryCall;
  
  NodeStatus(argument: _keyfrag_v1_NodeStatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_NodeStatusResponse__Output>): grpc.ClientUnaryCall;
  NodeStatus(argument: _keyfrag_v1_NodeStatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_NodeStatusResponse__Output>): grpc.ClientUnaryCall;
  NodeStatus(argument: _keyfrag_v1_NodeStatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_NodeStatusResponse__Output>): grpc.ClientUnaryCall;
  NodeStatus(argument: _keyfrag_v1_NodeStatusRequest, callback: grpc.requestCallback<_keyfrag_v1_NodeStatusResponse__Output>): grpc.ClientUnaryCall;
  nodeStatus(argument: _keyfrag_v1_NodeStatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_NodeStatusResponse__Output>): grpc.ClientUnaryCall;
  nodeStatus(argument: _keyfrag_v1_NodeStatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_NodeStatusResponse__Output>): grpc.ClientUnaryCall;
  nodeStatus(argument: _keyfrag_v1_NodeStatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_NodeStatusResponse__Output>): grpc.ClientUnaryCall;
  nodeStatus(argument: _keyfrag_v1_NodeStatusRequest, callback: grpc.requestCallback<_keyfrag_v1_NodeStatusResponse__Output>): grpc.ClientUnaryCall;
  
  RefreshAbort(argument: _keyfrag_v1_RefreshAbortRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_RefreshAbortResponse__Output>): grpc.ClientUnaryCall;
  RefreshAbort(argument: _keyfrag_v1_RefreshAbortRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_RefreshAbortResponse__Output>): grpc.ClientUnaryCall;
  RefreshAbort(argument: _keyfrag_v1_RefreshAbortRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_RefreshAbortResponse__Output>): grpc.ClientUnaryCall;
  RefreshAbort(argument: _keyfrag_v1_RefreshAbortRequest, callback: grpc.requestCallback<_keyfrag_v1_RefreshAbortResponse__Output>): grpc.ClientUnaryCall;
  refreshAbort(argument: _keyfrag_v1_RefreshAbortRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_RefreshAbortResponse__Output>): grpc.ClientUnaryCall;
  refreshAbort(argument: _keyfrag_v1_RefreshAbortRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_RefreshAbortResponse__Output>): grpc.ClientUnaryCall;
  refreshAbort(argument: _keyfrag_v1_RefreshAbortRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_RefreshAbortResponse__Output>): grpc.ClientUnaryCall;
  refreshAbort(argument: _keyfrag_v1_RefreshAbortRequest, callback: grpc.requestCallback<_keyfrag_v1_RefreshAbortResponse__Output>): grpc.ClientUnaryCall;
  
  RefreshCommit(argument: _keyfrag_v1_RefreshCommitRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_RefreshCommitResponse__Output>): grpc.ClientUnaryCall;
  RefreshCommit(argument: _keyfrag_v1_RefreshCommitRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_RefreshCommitResponse__Output>): grpc.ClientUnaryCall;
  RefreshCommit(argument: _keyfrag_v1_RefreshCommitRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_RefreshCommitResponse__Output>): grpc.ClientUnaryCall;
  RefreshCommit(argument: _keyfrag_v1_RefreshCommitRequest, callback: grpc.requestCallback<_keyfrag_v1_RefreshCommitResponse__Output>): grpc.ClientUnaryCall;
  refreshCommit(argument: _keyfrag_v1_RefreshCommitRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_RefreshCommitResponse__Output>): grpc.ClientUnaryCall;
  refreshCommit(argument: _keyfrag_v1_RefreshCommitRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_RefreshCommitResponse__Output>): grpc.ClientUnaryCall;
  refreshCommit(argument: _keyfrag_v1_RefreshCommitRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_RefreshCommitResponse__Output>): grpc.ClientUnaryCall;
  refreshCommit(argument: _keyfrag_v1_RefreshCommitRequest, callback: grpc.requestCallback<_keyfrag_v1_RefreshCommitResponse__Output>): grpc.ClientUnaryCall;
  
  RefreshDeal(argument: _keyfrag_v1_RefreshDealRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_RefreshDealResponse__Output>): grpc.ClientUnaryCall;
  RefreshDeal(argument: _keyfrag_v1_RefreshDealRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_RefreshDealResponse__Output>): grpc.ClientUnaryCall;
  RefreshDeal(argument: _keyfrag_v1_RefreshDealRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_RefreshDealResponse__Output>): grpc.ClientUnaryCall;
  RefreshDeal(argument: _keyfrag_v1_RefreshDealRequest, callback: grpc.requestCallback<_keyfrag_v1_RefreshDealResponse__Output>): grpc.ClientUnaryCall;
  refreshDeal(argument: _keyfrag_v1_RefreshDealRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_RefreshDealResponse__Output>): grpc.ClientUnaryCall;
  refreshDeal(argument: _keyfrag_v1_RefreshDealRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_RefreshDealResponse__Output>): grpc.ClientUnaryCall;
  refreshDeal(argument: _keyfrag_v1_RefreshDealRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_RefreshDealResponse__Output>): grpc.ClientUnaryCall;
  refreshDeal(argument: _keyfrag_v1_RefreshDealRequest, callback: grpc.requestCallback<_keyfrag_v1_RefreshDealResponse__Output>): grpc.ClientUnaryCall;
  
  RefreshPrepare(argument: _keyfrag_v1_RefreshPrepareRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_RefreshPrepareResponse__Output>): grpc.ClientUnaryCall;
  RefreshPrepare(argument: _keyfrag_v1_RefreshPrepareRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_RefreshPrepareResponse__Output>): grpc.ClientUnaryCall;
  RefreshPrepare(argument: _keyfrag_v1_RefreshPrepareRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_RefreshPrepareResponse__Output>): grpc.ClientUnaryCall;
  RefreshPrepare(argument: _keyfrag_v1_RefreshPrepareRequest, callback: grpc.requestCallback<_keyfrag_v1_RefreshPrepareResponse__Output>): grpc.ClientUnaryCall;
  refreshPrepare(argument: _keyfrag_v1_RefreshPrepareRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_RefreshPrepareResponse__Output>): grpc.ClientUnaryCall;
  refreshPrepare(argument: _keyfrag_v1_RefreshPrepareRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_RefreshPrepareResponse__Output>): grpc.ClientUnaryCall;
  refreshPrepare(argument: _keyfrag_v1_RefreshPrepareRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_RefreshPrepareResponse__Output>): grpc.ClientUnaryCall;
  refreshPrepare(argument: _keyfrag_v1_RefreshPrepareRequest, callback: grpc.requestCallback<_keyfrag_v1_RefreshPrepareResponse__Output>): grpc.ClientUnaryCall;
  
  SignCommit(argument: _keyfrag_v1_SignCommitRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_SignCommitResponse__Output>): grpc.ClientUnaryCall;
  SignCommit(argument: _keyfrag_v1_SignCommitRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_SignCommitResponse__Output>): grpc.ClientUnaryCall;
  SignCommit(argument: _keyfrag_v1_SignCommitRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_SignCommitResponse__Output>): grpc.ClientUnaryCall;
  SignCommit(argument: _keyfrag_v1_SignCommitRequest, callback: grpc.requestCallback<_keyfrag_v1_SignCommitResponse__Output>): grpc.ClientUnaryCall;
  signCommit(argument: _keyfrag_v1_SignCommitRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_SignCommitResponse__Output>): grpc.ClientUnaryCall;
  signCommit(argument: _keyfrag_v1_SignCommitRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_SignCommitResponse__Output>): grpc.ClientUnaryCall;
  signCommit(argument: _keyfrag_v1_SignCommitRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_SignCommitResponse__Output>): grpc.ClientUnaryCall;
  signCommit(argument: _keyfrag_v1_SignCommitRequest, callback: grpc.requestCallback<_keyfrag_v1_SignCommitResponse__Output>): grpc.ClientUnaryCall;
  
  SignPreprocess(argument: _keyfrag_v1_SignPreprocessRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_SignPreprocessResponse__Output>): grpc.ClientUnaryCall;
  SignPreprocess(argument: _keyfrag_v1_SignPreprocessRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_SignPreprocessResponse__Output>): grpc.ClientUnaryCall;
  SignPreprocess(argument: _keyfrag_v1_SignPreprocessRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_SignPreprocessResponse__Output>): grpc.ClientUnaryCall;
  SignPreprocess(argument: _keyfrag_v1_SignPreprocessRequest, callback: grpc.requestCallback<_keyfrag_v1_SignPreprocessResponse__Output>): grpc.ClientUnaryCall;
  signPreprocess(argument: _keyfrag_v1_SignPreprocessRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_SignPreprocessResponse__Output>): grpc.ClientUnaryCall;
  signPreprocess(argument: _keyfrag_v1_SignPreprocessRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_SignPreprocessResponse__Output>): grpc.ClientUnaryCall;
  signPreprocess(argument: _keyfrag_v1_SignPreprocessRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_SignPreprocessResponse__Output>): grpc.ClientUnaryCall;
  signPreprocess(argument: _keyfrag_v1_SignPreprocessRequest, callback: grpc.requestCallback<_keyfrag_v1_SignPreprocessResponse__Output>): grpc.ClientUnaryCall;
  
  SignShare(argument: _keyfrag_v1_SignShareRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_SignShareResponse__Output>): grpc.ClientUnaryCall;
  SignShare(argument: _keyfrag_v1_SignShareRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_SignShareResponse__Output>): grpc.ClientUnaryCall;
  SignShare(argument: _keyfrag_v1_SignShareRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_SignShareResponse__Output>): grpc.ClientUnaryCall;
  SignShare(argument: _keyfrag_v1_SignShareRequest, callback: grpc.requestCallback<_keyfrag_v1_SignShareResponse__Output>): grpc.ClientUnaryCall;
  signShare(argument: _keyfrag_v1_SignShareRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_SignShareResponse__Output>): grpc.ClientUnaryCall;
  signShare(argument: _keyfrag_v1_SignShareRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_keyfrag_v1_SignShareResponse__Output>): grpc.ClientUnaryCall;
  signShare(argument: _keyfrag_v1_SignShareRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_keyfrag_v1_SignShareResponse__Output>): grpc.ClientUnaryCall;
  signShare(argument: _keyfrag_v1_SignShareRequest, callback: grpc.requestCallback<_keyfrag_v1_SignShareResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface FragmentManagerHandlers extends grpc.UntypedServiceImplementation {
  CatchUp: grpc.handleUnaryCall<_keyfrag_v1_CatchUpRequest__Output, _keyfrag_v1_CatchUpResponse>;
  
  DiscardKey: grpc.handleUnaryCall<_keyfrag_v1_DiscardKeyRequest__Output, _keyfrag_v1_DiscardKeyResponse>;
  
  DkgFinish: grpc.handleUnaryCall<_keyfrag_v1_DkgFinishRequest__Output, _keyfrag_v1_DkgFinishResponse>;
  
  DkgRound1: grpc.handleUnaryCall<_keyfrag_v1_DkgRound1Request__Output, _keyfrag_v1_DkgRound1Response>;
  
  DkgRound2: grpc.handleUnaryCall<_keyfrag_v1_DkgRound2Request__Output, _keyfrag_v1_DkgRound2Response>;
  
  Evaluate: grpc.handleUnaryCall<_keyfrag_v1_EvaluateRequest__Output, _keyfrag_v1_EvaluateResponse>;
  
  EvaluateBatch: grpc.handleUnaryCall<_keyfrag_v1_EvaluateRequest__Output, _keyfrag_v1_EvaluateResponse>;
  
  ExportFragment: grpc.handleUnaryCall<_keyfrag_v1_ExportFragmentRequest__Output, _keyfrag_v1_ExportFragmentResponse>;
  
  HeldKeys: grpc.handleUnaryCall<_keyfrag_v1_HeldKeysRequest__Output, _keyfrag_v1_HeldKeysResponse>;
  
  NodeStatus: grpc.handleUnaryCall<_keyfrag_v1_NodeStatusRequest__Output, _keyfrag_v1_NodeStatusResponse>;
  
  RefreshAbort: grpc.handleUnaryCall<_keyfrag_v1_RefreshAbortRequest__Output, _keyfrag_v1_RefreshAbortResponse>;
  
  RefreshCommit: grpc.handleUnaryCall<_keyfrag_v1_RefreshCommitRequest__Output, _keyfrag_v1_RefreshCommitResponse>;
  
  RefreshDeal: grpc.handleUnaryCall<_keyfrag_v1_RefreshDealRequest__Output, _keyfrag_v1_RefreshDealResponse>;
  
  RefreshPrepare: grpc.handleUnaryCall<_keyfrag_v1_RefreshPrepareRequest__Output, _keyfrag_v1_RefreshPrepareResponse>;
  
  SignCommit: grpc.handleUnaryCall<_keyfrag_v1_SignCommitRequest__Output, _keyfrag_v1_SignCommitResponse>;
  
  SignPreprocess: grpc.handleUnaryCall<_keyfrag_v1_SignPreprocessRequest__Output, _keyfrag_v1_SignPreprocessResponse>;
  
  SignShare: grpc.handleUnaryCall<_keyfrag_v1_SignShareRequest__Output, _keyfrag_v1_SignShareResponse>;
  
}

export interface FragmentManagerDefinition extends grpc.ServiceDefinition {
  CatchUp: MethodDefinition<_keyfrag_v1_CatchUpRequest, _keyfrag_v1_CatchUpResponse, _keyfrag_v1_CatchUpRequest__Output, _keyfrag_v1_CatchUpResponse__Output>
  DiscardKey: MethodDefinition<_keyfrag_v1_DiscardKeyRequest, _keyfrag_v1_DiscardKeyResponse, _keyfrag_v1_DiscardKeyRequest__Output, _keyfrag_v1_DiscardKeyResponse__Output>
  DkgFinish: MethodDefinition<_keyfrag_v1_DkgFinishRequest, _keyfrag_v1_DkgFinishResponse, _keyfrag_v1_DkgFinishRequest__Output, _keyfrag_v1_DkgFinishResponse__Output>
  DkgRound1: MethodDefinition<_keyfrag_v1_DkgRound1Request, _keyfrag_v1_DkgRound1Response, _keyfrag_v1_DkgRound1Request__Output, _keyfrag_v1_DkgRound1Response__Output>
  DkgRound2: MethodDefinition<_keyfrag_v1_DkgRound2Request, _keyfrag_v1_DkgRound2Response, _keyfrag_v1_DkgRound2Request__Output, _keyfrag_v1_DkgRound2Response__Output>
  Evaluate: MethodDefinition<_keyfrag_v1_EvaluateRequest, _keyfrag_v1_EvaluateResponse, _keyfrag_v1_EvaluateRequest__Output, _keyfrag_v1_EvaluateResponse__Output>
  EvaluateBatch: MethodDefinition<_keyfrag_v1_EvaluateRequest, _keyfrag_v1_EvaluateResponse, _keyfrag_v1_EvaluateRequest__Output, _keyfrag_v1_EvaluateResponse__Output>
  ExportFragment: MethodDefinition<_keyfrag_v1_ExportFragmentRequest, _keyfrag_v1_ExportFragmentResponse, _keyfrag_v1_ExportFragmentRequest__Output, _keyfrag_v1_ExportFragmentResponse__Output>
  HeldKeys: MethodDefinition<_keyfrag_v1_HeldKeysRequest, _keyfrag_v1_HeldKeysResponse, _keyfrag_v1_HeldKeysRequest__Output, _keyfrag_v1_HeldKeysResponse__Output>
  NodeStatus: MethodDefinition<_keyfrag_v1_NodeStatusRequest, _keyfrag_v1_NodeStatusResponse, _keyfrag_v1_NodeStatusRequest__Output, _keyfrag_v1_NodeStatusResponse__Output>
  RefreshAbort: MethodDefinition<_keyfrag_v1_RefreshAbortRequest, _keyfrag_v1_RefreshAbortResponse, _keyfrag_v1_RefreshAbortRequest__Output, _keyfrag_v1_RefreshAbortResponse__Output>
  RefreshCommit: MethodDefinition<_keyfrag_v1_RefreshCommitRequest, _keyfrag_v1_RefreshCommitResponse, _keyfrag_v1_RefreshCommitRequest__Output, _keyfrag_v1_RefreshCommitResponse__Output>
  RefreshDeal: MethodDefinition<_keyfrag_v1_RefreshDealRequest, _keyfrag_v1_RefreshDealResponse, _keyfrag_v1_RefreshDealRequest__Output, _keyfrag_v1_RefreshDealResponse__Output>
  RefreshPrepare: MethodDefinition<_keyfrag_v1_RefreshPrepareRequest, _keyfrag_v1_RefreshPrepareResponse, _keyfrag_v1_RefreshPrepareRequest__Output, _keyfrag_v1_RefreshPrepareResponse__Output>
  SignCommit: MethodDefinition<_keyfrag_v1_SignCommitRequest, _keyfrag_v1_SignCommitResponse, _keyfrag_v1_SignCommitRequest__Output, _keyfrag_v1_SignCommitResponse__Output>
  SignPreprocess: MethodDefinition<_keyfrag_v1_SignPreprocessRequest, _keyfrag_v1_SignPreprocessResponse, _keyfrag_v1_SignPreprocessRequest__Output, _keyfrag_v1_SignPreprocessResponse__Output>
  SignShare: MethodDefinition<_keyfrag_v1_SignShareRequest, _keyfrag_v1_SignShareResponse, _keyfrag_v1_SignShareRequest__Output, _keyfrag_v1_SignShareResponse__Output>
}
