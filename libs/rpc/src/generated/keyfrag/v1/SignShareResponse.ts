// Original file: keyfrag/v1/fragment.proto


export interface SignShareResponse {
  'slot'?: (number);
  'share'?: (Buffer | Uint8Array | string);
}

export interface SignShareResponse__Output {
  'slot': (number);
  'share': (Buffer);
}
