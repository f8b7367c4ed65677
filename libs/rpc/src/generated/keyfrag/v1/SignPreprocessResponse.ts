// Original file: keyfrag/v1/fragment.proto

import type { PreprocessedNonce as _keyfrag_v1_PreprocessedNonce, PreprocessedNonce__Output as _keyfrag_v1_PreprocessedNonce__Output } from '../../keyfrag/v1/PreprocessedNonce.js';

export interface SignPreprocessResponse {
  'nonces'?: (_keyfrag_v1_PreprocessedNonce)[];
}

export interface SignPreprocessResponse__Output {
  'nonces': (_keyfrag_v1_PreprocessedNonce__Output)[];
}
